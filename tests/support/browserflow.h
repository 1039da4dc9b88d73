#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// tests/support/browserflow.h — does what a person in a browser does, with its own
// QNetworkAccessManager and cookie jar: GET the authorize URL, fill and post the login form,
// then press Allow or Deny on the consent page. It never requests the redirect URI itself.
//
// It follows redirects within the login server's origin only; the first redirect anywhere
// else is the answer to the app and ends the flow (BrowserFlowResult::redirect). For the
// out-of-band redirect URI the flow ends on the page showing the code (see oobCode()).
struct BrowserFlowResult
{
    QUrl redirect;   // Location of the final redirect (to redirect_uri), empty on failure
    int status = 0;  // HTTP status of the last answer
    QByteArray body; // body of the last answer (e.g. an error page)
    QString error;   // why it failed, for test messages
};

class BrowserFlow final
{
public:
    enum class Decision { Allow, Deny };
    static BrowserFlowResult run(const QUrl &authorizeUrl, const QString &email,
                                 const QString &password, Decision decision = Decision::Allow);
    // The same as the emulator's demo user (EmulatorProcess::demoEmail()).
    static BrowserFlowResult runAsDemoUser(const QUrl &authorizeUrl,
                                           Decision decision = Decision::Allow);

    // Extra: the code shown on the out-of-band page (element id "authorization_code"), or "".
    static QString oobCode(const QByteArray &page);
};
