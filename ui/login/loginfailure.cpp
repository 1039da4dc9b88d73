#include "loginfailure.h"

#include <QWebEngineLoadingInfo>

#include <cstdlib>

namespace {

// Chromium net error numbers (net/base/net_error_list.h), without their sign.
enum NetError {
    Aborted = 3,
    TimedOut = 7,
    BlockedByClient = 20,
    NetworkChanged = 21,
    BlockedByResponse = 27,
    ConnectionClosed = 100,
    ConnectionReset = 101,
    ConnectionRefused = 102,
    ConnectionAborted = 103,
    ConnectionFailed = 104,
    NameNotResolved = 105,
    InternetDisconnected = 106,
    AddressUnreachable = 109,
    ConnectionTimedOut = 118,
    ProxyConnectionFailed = 130,
    NameResolutionFailed = 137,
    EmptyResponse = 324,
};

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

LoginFailure LoginFailure::fromLoad(const QUrl &url, int errorDomain, int errorCode,
                                    const QString &errorString)
{
    LoginFailure failure;
    const int code = std::abs(errorCode);
    failure.detail = QStringLiteral("%1 (%2)").arg(errorString).arg(errorCode);
    if (errorDomain == QWebEngineLoadingInfo::HttpStatusCodeDomain) {
        if (code < 500)
            return {}; // the server's own page says what is wrong
        failure.kind = Kind::ServerDown;
    } else if (errorDomain == QWebEngineLoadingInfo::CertificateErrorDomain) {
        return certificate(url, errorString);
    } else {
        switch (code) {
        case 0:
        case Aborted:
        case BlockedByClient:
        case BlockedByResponse:
            return {}; // we stopped it: the redirect, a foreign link, a refused frame
        case NameNotResolved:
        case NameResolutionFailed:
        case InternetDisconnected:
        case NetworkChanged:
        case AddressUnreachable:
        case ProxyConnectionFailed:
            failure.kind = Kind::Offline;
            break;
        case TimedOut:
        case ConnectionClosed:
        case ConnectionReset:
        case ConnectionRefused:
        case ConnectionAborted:
        case ConnectionFailed:
        case ConnectionTimedOut:
        case EmptyResponse:
            failure.kind = Kind::ServerDown;
            break;
        default:
            failure.kind = (code >= 200 && code < 300) ? Kind::Certificate : Kind::LoadFailed;
            break;
        }
        if (errorDomain == QWebEngineLoadingInfo::DnsErrorDomain)
            failure.kind = Kind::Offline;
    }

    switch (failure.kind) {
    case Kind::Offline:
        failure.title = tr("No internet connection");
        failure.message = tr("Procore's sign-in page could not be reached. Check that this "
                             "computer is online (Wi-Fi, cable or mobile hotspot), then try "
                             "again.");
        break;
    case Kind::ServerDown:
        failure.title = tr("Procore is not answering");
        failure.message = tr("The sign-in server at %1 did not respond. It may be busy or "
                             "down for maintenance. Wait a minute, then try again.")
                              .arg(hostOf(url));
        break;
    case Kind::Certificate:
        failure.title = tr("The connection is not secure");
        failure.message = tr("The security certificate of %1 is not valid, so nothing was "
                             "sent. On a hotel or site Wi-Fi that asks you to log in, open a "
                             "web browser first; otherwise contact your IT department.")
                              .arg(hostOf(url));
        break;
    default:
        failure.kind = Kind::LoadFailed;
        failure.title = tr("The sign-in page could not be loaded");
        failure.message = tr("Something went wrong while loading the page from %1. Try "
                             "again, or sign in with your browser instead.")
                              .arg(hostOf(url));
        break;
    }
    return failure;
}

LoginFailure LoginFailure::certificate(const QUrl &url, const QString &description)
{
    LoginFailure failure = fromLoad(url, QWebEngineLoadingInfo::NoErrorDomain, -200, {});
    failure.detail = description;
    return failure;
}

LoginFailure LoginFailure::crashed(int exitCode)
{
    LoginFailure failure;
    failure.kind = Kind::Crashed;
    failure.title = tr("The sign-in page stopped unexpectedly");
    failure.message = tr("The page closed before you finished signing in. Try again.");
    failure.detail = QStringLiteral("render process ended, exit code %1").arg(exitCode);
    return failure;
}

LoginFailure LoginFailure::foreignSignIn(const QUrl &url)
{
    LoginFailure failure;
    failure.kind = Kind::ForeignSignIn;
    failure.title = tr("Your company signs in on its own website");
    failure.message = tr("Signing in continues on %1, which cannot open inside this window. "
                         "Sign in with your web browser instead, then come back to Procore "
                         "Desktop.")
                          .arg(url.host());
    failure.detail = url.host();
    return failure;
}
