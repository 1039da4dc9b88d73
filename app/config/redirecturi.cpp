#include "redirecturi.h"

namespace {

int effectivePort(const QUrl &url)
{
    if (url.scheme() == u"https")
        return url.port(443);
    if (url.scheme() == u"http")
        return url.port(80);
    return url.port(-1);
}

QString normalisedPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    return path.isEmpty() ? QStringLiteral("/") : path;
}

} // namespace

bool RedirectUri::matches(const QUrl &redirectUri, const QUrl &url)
{
    if (!url.isValid() || !redirectUri.isValid() || url.isRelative() || redirectUri.isRelative() ||
        !url.userInfo().isEmpty())
        return false;
    // QUrl keeps scheme and host in lower case already; compare so anyway, as URLs do.
    return url.scheme().compare(redirectUri.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(redirectUri.host(), Qt::CaseInsensitive) == 0 &&
           effectivePort(url) == effectivePort(redirectUri) &&
           normalisedPath(url) == normalisedPath(redirectUri);
}
