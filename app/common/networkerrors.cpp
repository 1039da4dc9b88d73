#include "networkerrors.h"

#include <QCoreApplication>

namespace NetworkErrors {

ProcoreError map(QNetworkReply::NetworkError error, const QString &detail, Service service)
{
    using E = QNetworkReply::NetworkError;
    switch (error) {
    case E::TimeoutError:
    case E::ProxyTimeoutError:
        return timeout(detail, service);
    case E::ProxyAuthenticationRequiredError:
        return proxyAuthentication(detail);
    case E::ProxyConnectionRefusedError:
    case E::ProxyConnectionClosedError:
    case E::ProxyNotFoundError:
    case E::UnknownProxyError:
        return {ProcoreError::Kind::Offline,
                QCoreApplication::translate(
                    "NetworkErrors",
                    "The proxy server that this computer's network settings name cannot be "
                    "reached. Check the proxy settings, or ask your IT department."),
                detail};
    case E::SslHandshakeFailedError:
        return {ProcoreError::Kind::Offline,
                QCoreApplication::translate(
                    "NetworkErrors",
                    "A secure connection to Procore could not be set up. Check the computer's "
                    "date and time, or ask your IT department whether a proxy is in the way."),
                detail};
    default:
        return {ProcoreError::Kind::Offline,
                service == Service::SignIn
                    ? QCoreApplication::translate(
                          "NetworkErrors",
                          "Procore's sign-in service cannot be reached. Check your internet "
                          "connection and try again.")
                    : QCoreApplication::translate(
                          "NetworkErrors",
                          "Procore cannot be reached. Check your internet connection and try "
                          "again."),
                detail};
    }
}

ProcoreError timeout(const QString &detail, Service service)
{
    return {ProcoreError::Kind::Timeout,
            service == Service::SignIn
                ? QCoreApplication::translate(
                      "NetworkErrors",
                      "Procore's sign-in service did not answer in time. Check your connection "
                      "and try again.")
                : QCoreApplication::translate(
                      "NetworkErrors",
                      "Procore did not answer in time. Check your connection and try again."),
            detail};
}

ProcoreError proxyAuthentication(const QString &detail)
{
    return {ProcoreError::Kind::ProxyAuth,
            QCoreApplication::translate(
                "NetworkErrors",
                "Your network's proxy server asks for a user name and password before Procore "
                "can be reached. In the window, click Retry and enter them; in a terminal, put "
                "them in the proxy setting (https_proxy=http://USER:PASSWORD@HOST:PORT). Your IT "
                "department can tell you which to use."),
            detail, 407};
}

} // namespace NetworkErrors
