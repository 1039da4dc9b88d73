#pragma once

#include "common/procoreerror.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// What came back from Procore's authorize page, taken from the redirect URL (web view or
// loopback listener) or from text the user pasted (out-of-band). Pure parsing and checking.
struct AuthorizationResponse
{
    Q_DECLARE_TR_FUNCTIONS(AuthorizationResponse)
public:
    enum class Kind {
        NotRedirect, // the URL is not the configured redirect URI (scheme/host/port/path differ)
        Code,        // code present
        Error,       // error present (e.g. access_denied)
        NoCode,      // our redirect, but neither code nor error
    };

    Kind kind = Kind::NotRedirect;
    QString code;
    QString state;
    QString error;
    QString errorDescription;
    bool pasted = false; // a bare pasted code carries no state

    // NotRedirect unless RedirectUri::matches(redirectUri, url).
    static AuthorizationResponse fromRedirect(const QUrl &redirectUri, const QUrl &url);
    // A bare code, "code=…&state=…", or a whole pasted URL.
    static AuthorizationResponse fromPastedText(const QString &text);

    // None when this is a code for the attempt whose state is `expectedState`; otherwise
    // AccessDeclined, StateMismatch, BadData (no code) or an OAuth error mapped to a kind.
    ProcoreError check(const QString &expectedState) const;
    // Why an answer at another address than the redirect URI is refused.
    static ProcoreError notRedirectError();
};
