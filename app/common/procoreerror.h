#pragma once

#include <QMetaType>
#include <QString>

// Errors are values: a kind the code can branch on, a message a user can act on (already
// translated), and a technical detail for logs. Mapped once where the failure is understood
// (HTTP status, OAuth error, keychain error); the UI never sees an HTTP code alone.
struct ProcoreError
{
    enum class Kind {
        None,
        Offline,        // no network, DNS failure, connection refused or dropped
        Timeout,        // the server did not answer in time
        ProxyAuth,      // the network's proxy server wants a user name and password (407)
        SignInNeeded,   // no tokens, refresh failed, grant revoked, lost refresh answer
        AccessDeclined, // the user clicked Deny (error=access_denied)
        StateMismatch,  // the redirect's state is not the one we sent
        InvalidClient,  // client_id / client_secret / redirect_uri refused by Procore
        Forbidden,      // 403, e.g. the app is not installed in this company
        NotFound,       // 404
        RateLimited,    // 429 that outlasted our patience
        ServerError,    // 5xx that outlasted the retries
        BadData,        // JSON that is not what Procore sends
        Keychain,       // the platform keychain refused or is unavailable
        Config,         // bad environment, URL or client settings
        Cancelled,      // the caller or the user gave up
    };

    Kind kind = Kind::None;
    QString message; // user-facing, translated
    QString detail;  // technical, for logs; never contains a token or the client secret
    int httpStatus = 0;

    ProcoreError() = default;
    ProcoreError(Kind k, QString userMessage, QString technicalDetail = {}, int status = 0)
        : kind(k)
        , message(std::move(userMessage))
        , detail(std::move(technicalDetail))
        , httpStatus(status)
    {}

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    static QString kindName(Kind kind);
};

Q_DECLARE_METATYPE(ProcoreError)
