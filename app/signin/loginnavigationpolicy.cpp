#include "loginnavigationpolicy.h"

#include "config/environment.h"
#include "config/redirecturi.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace {

int defaultPort(const QString &scheme)
{
    if (scheme == u"https")
        return 443;
    if (scheme == u"http")
        return 80;
    return -1;
}

int effectivePort(const QUrl &url)
{
    return url.port(defaultPort(url.scheme()));
}

bool isWebScheme(const QString &scheme)
{
    return scheme == u"https" || scheme == u"http";
}

} // namespace

void LoginNavigationPolicy::setRedirectUri(const QUrl &uri)
{
    m_redirectUri = uri;
}

void LoginNavigationPolicy::setAllowedHosts(const QStringList &entries)
{
    m_allowed.clear();
    for (const QString &entry : entries) {
        HostPort hostPort;
        if (parseEntry(entry, &hostPort))
            m_allowed.append(hostPort);
    }
}

void LoginNavigationPolicy::allowHostOf(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return;
    m_allowed.append({url.host().toLower(), url.port(-1)});
}

QStringList LoginNavigationPolicy::allowedHosts() const
{
    QStringList out;
    for (const HostPort &entry : m_allowed) {
        const QString host =
            entry.host.contains(u':') ? QStringLiteral("[%1]").arg(entry.host) : entry.host;
        out.append(entry.port < 0 ? host : QStringLiteral("%1:%2").arg(host).arg(entry.port));
    }
    return out;
}

bool LoginNavigationPolicy::isRedirect(const QUrl &url) const
{
    return RedirectUri::matches(m_redirectUri, url);
}

bool LoginNavigationPolicy::isAllowed(const QUrl &url) const
{
    if (!url.isValid() || !isWebScheme(url.scheme()))
        return false;
    const QString host = url.host().toLower();
    // No plain http to the internet from a page that takes a password.
    if (url.scheme() == u"http" && !Environment::isLoopbackHost(host))
        return false;
    const int port = effectivePort(url);
    for (const HostPort &entry : m_allowed) {
        const int wanted = entry.port < 0 ? defaultPort(url.scheme()) : entry.port;
        if (entry.host == host && wanted == port)
            return true;
    }
    return false;
}

LoginNavigationPolicy::Decision LoginNavigationPolicy::decide(const QUrl &url,
                                                              bool isMainFrame) const
{
    if (isRedirect(url))
        return isMainFrame ? Decision::CatchRedirect : Decision::Refuse;
    const QString scheme = url.scheme();
    if (scheme == u"about" && url.path() == u"blank")
        return Decision::Load;
    if (isAllowed(url))
        return Decision::Load;
    if (!isMainFrame)
        return Decision::Refuse;
    if ((isWebScheme(scheme) && !url.host().isEmpty() &&
         !Environment::isLoopbackHost(url.host())) ||
        scheme == u"mailto")
        return Decision::OpenExternally;
    return Decision::Refuse;
}

bool LoginNavigationPolicy::isValidHostEntry(const QString &entry)
{
    HostPort ignored;
    return parseEntry(entry, &ignored);
}

bool LoginNavigationPolicy::parseEntry(const QString &entry, HostPort *out)
{
    // A DNS name or IPv4 address, optionally ":port"; or "[IPv6]" with an optional port.
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)"
        "|\\[([0-9A-Fa-f:.]+)\\])(?::([0-9]{1,5}))?$"));
    if (entry.size() > 260)
        return false;
    const QRegularExpressionMatch match = pattern.match(entry);
    if (!match.hasMatch())
        return false;
    QString host = match.captured(1);
    if (host.isEmpty()) {
        if (QHostAddress(match.captured(2)).protocol() != QAbstractSocket::IPv6Protocol)
            return false;
        host = match.captured(2); // QUrl::host() gives IPv6 addresses without brackets
    }
    int port = -1;
    if (match.hasCaptured(3) && !match.captured(3).isEmpty()) {
        port = match.captured(3).toInt();
        if (port < 1 || port > 65535)
            return false;
    }
    out->host = host.toLower();
    out->port = port;
    return true;
}
