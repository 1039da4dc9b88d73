#pragma once

#include "procoreerror.h"

#include <QNetworkReply>
#include <QString>

// The one mapping from a request that got no HTTP answer (no network, a proxy or TLS in the
// way, no answer in time) to a ProcoreError a person can act on, for the REST API (ApiErrors)
// and the sign-in service (OAuthRequest) alike; only the service's name differs.
namespace NetworkErrors {

enum class Service { Api, SignIn };

ProcoreError map(QNetworkReply::NetworkError error, const QString &detail,
                 Service service = Service::Api);
ProcoreError timeout(const QString &detail, Service service = Service::Api);
// The proxy server asked for credentials and none (or wrong ones) were given. The message
// says what to do in the window (Retry, then the prompt) and in a terminal (the proxy URL).
ProcoreError proxyAuthentication(const QString &detail);

} // namespace NetworkErrors
