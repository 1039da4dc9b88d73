#include "clientconfig.h"

#include "environment.h"

#include <QCoreApplication>

namespace {} // namespace

QUrl ClientConfig::loopbackRedirect() const
{
    const QUrl url(redirectUri, QUrl::StrictMode);
    if (isOutOfBand() || !url.isValid() || url.scheme() != QLatin1String("http") ||
        !Environment::isLoopbackHost(url.host()))
        return {};
    return url;
}

ProcoreError ClientConfig::validateRedirectUri(const QString &uri)
{
    if (uri == outOfBandRedirectUri())
        return {};
    const QUrl url(uri, QUrl::StrictMode);
    const auto fail = [&](const char *detail) {
        return ProcoreError(
            ProcoreError::Kind::Config,
            tr("The redirect URI \"%1\" cannot be used. Give the exact redirect URI registered "
               "for the app in Procore's Developer Portal, e.g. http://127.0.0.1:8765/callback "
               "or urn:ietf:wg:oauth:2.0:oob.")
                .arg(url.toString(QUrl::RemoveUserInfo)),
            QStringLiteral("redirect URI: %1").arg(QLatin1String(detail)));
    };
    if (uri.isEmpty())
        return fail("empty");
    if (!url.isValid() || url.isRelative())
        return fail("not an absolute URI");
    if (!url.userInfo().isEmpty())
        return fail("user info present");
    if (url.hasFragment())
        return fail("fragment present");
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("urn"))
        return fail("urn other than the out-of-band one");
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        if (url.host().isEmpty())
            return fail("no host");
        if (scheme == QLatin1String("http") && !Environment::isLoopbackHost(url.host()))
            return fail("plain http to a non-loopback host");
    }
    return {};
}

ProcoreError ClientConfig::validate() const
{
    if (clientId.trimmed().isEmpty())
        return ProcoreError(ProcoreError::Kind::Config,
                            tr("No OAuth client ID is configured. Set PROCORE_CLIENT_ID or "
                               "oauth/clientId in the settings to the ID of the app registered "
                               "in Procore's Developer Portal."),
                            QStringLiteral("client id empty"));
    return validateRedirectUri(redirectUri);
}
