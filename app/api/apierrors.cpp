#include "apierrors.h"

#include <QCoreApplication>
#include <QLocale>

namespace ApiErrors {

ProcoreError network(QNetworkReply::NetworkError error, const QString &detail)
{
    using E = QNetworkReply::NetworkError;
    switch (error) {
    case E::TimeoutError:
    case E::ProxyTimeoutError:
        return timeout(detail);
    case E::ProxyAuthenticationRequiredError:
        return proxyAuthentication(detail);
    case E::ProxyConnectionRefusedError:
    case E::ProxyConnectionClosedError:
    case E::ProxyNotFoundError:
    case E::UnknownProxyError:
        return {ProcoreError::Kind::Offline,
                QCoreApplication::translate(
                    "ApiErrors",
                    "The proxy server that this computer's network settings name cannot be "
                    "reached. Check the proxy settings, or ask your IT department."),
                detail};
    case E::SslHandshakeFailedError:
        return {ProcoreError::Kind::Offline,
                QCoreApplication::translate(
                    "ApiErrors",
                    "A secure connection to Procore could not be set up. Check the computer's "
                    "date and time, or ask your IT department whether a proxy is in the way."),
                detail};
    default:
        return {ProcoreError::Kind::Offline,
                QCoreApplication::translate(
                    "ApiErrors",
                    "Procore cannot be reached. Check your internet connection and try again."),
                detail};
    }
}

ProcoreError timeout(const QString &detail)
{
    return {
        ProcoreError::Kind::Timeout,
        QCoreApplication::translate(
            "ApiErrors", "Procore did not answer in time. Check your connection and try again."),
        detail};
}

ProcoreError proxyAuthentication(const QString &detail)
{
    return {ProcoreError::Kind::ProxyAuth,
            QCoreApplication::translate(
                "ApiErrors",
                "Your network's proxy server asks for a user name and password before Procore "
                "can be reached. In the window, click Retry and enter them; in a terminal, put "
                "them in the proxy setting (https_proxy=http://USER:PASSWORD@HOST:PORT). Your IT "
                "department can tell you which to use."),
            detail, 407};
}

ProcoreError signInNeeded(const QString &detail)
{
    return {ProcoreError::Kind::SignInNeeded,
            QCoreApplication::translate("ApiErrors", "Procore asked you to sign in again."), detail,
            401};
}

ProcoreError forbidden(const QString &companyName, const QString &detail)
{
    if (companyName.isEmpty())
        return {ProcoreError::Kind::Forbidden,
                QCoreApplication::translate(
                    "ApiErrors",
                    "Procore did not allow the app to see this. Ask your Procore administrator "
                    "for access."),
                detail, 403};
    return {ProcoreError::Kind::Forbidden,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore Desktop is not connected to %1. Ask an administrator of %1 to install "
                "the Procore Desktop app from the Procore App Marketplace (Company Admin > App "
                "Management), then try again.")
                .arg(companyName),
            detail, 403};
}

ProcoreError notFound(const QString &detail)
{
    return {ProcoreError::Kind::NotFound,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore did not show this to you: you may not have access to it (Procore answers "
                "the same when something was deleted). Ask your Procore administrator for "
                "access."),
            detail, 404};
}

ProcoreError serverError(int status, const QString &detail)
{
    return {ProcoreError::Kind::ServerError,
            QCoreApplication::translate(
                "ApiErrors", "Procore is having trouble right now. Try again in a few minutes."),
            detail, status};
}

ProcoreError refused(int status, const QString &detail)
{
    return {ProcoreError::Kind::ServerError,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore refused the app's request. Try again; if it keeps happening, update "
                "Procore Desktop or report the problem."),
            detail, status};
}

ProcoreError rateLimited(const QDateTime &retryAt, const QString &detail)
{
    if (!retryAt.isValid())
        return {ProcoreError::Kind::RateLimited,
                QCoreApplication::translate(
                    "ApiErrors", "Procore asked the app to slow down. Try again in a few minutes."),
                detail, 429};
    return {ProcoreError::Kind::RateLimited,
            QCoreApplication::translate("ApiErrors",
                                        "Procore asked the app to slow down. Try again after %1.")
                .arg(QLocale().toString(retryAt.toLocalTime().time(), QLocale::ShortFormat)),
            detail, 429};
}

ProcoreError badData(const QString &detail)
{
    return {ProcoreError::Kind::BadData,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore sent an answer the app does not understand. Try again; if it keeps "
                "happening, report the problem."),
            detail};
}

ProcoreError redirectedElsewhere(const QString &detail)
{
    return {ProcoreError::Kind::ServerError,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore sent the app to another address, which the app does not follow for your "
                "safety. Check the configured Procore address."),
            detail};
}

ProcoreError cancelled()
{
    return {ProcoreError::Kind::Cancelled, QCoreApplication::translate("ApiErrors", "Cancelled."),
            QStringLiteral("cancelled")};
}

QString bodySnippet(const QByteArray &body)
{
    constexpr int Max = 200;
    QString text = QString::fromUtf8(body.left(Max)).simplified();
    if (body.size() > Max)
        text += QStringLiteral("…");
    return text;
}

} // namespace ApiErrors
