#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// What the user reads when the sign-in page cannot be shown: plain words and what to do,
// with the technical cause kept apart for the details line and the log.
struct LoginFailure
{
    Q_DECLARE_TR_FUNCTIONS(LoginFailure)
public:
    enum class Kind {
        None,          // not a failure worth a message (a navigation we stopped ourselves)
        Offline,       // no network, name not resolved
        ServerDown,    // refused, reset, timed out, 5xx without a page
        Certificate,   // TLS certificate rejected
        Crashed,       // the page's renderer process died
        LoadFailed,    // anything else
        ForeignSignIn, // sign-in continues on a host the view will not load (company SSO)
    };

    Kind kind = Kind::None;
    QString title;
    QString message;
    QString detail;

    // errorDomain is QWebEngineLoadingInfo::ErrorDomain; errorCode a Chromium net error or
    // an HTTP status.
    static LoginFailure fromLoad(const QUrl &url, int errorDomain, int errorCode,
                                 const QString &errorString);
    static LoginFailure certificate(const QUrl &url, const QString &description);
    static LoginFailure crashed(int exitCode);
    static LoginFailure foreignSignIn(const QUrl &url);
};
