#include "environment.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace {

QUrl withoutTrailingSlash(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

Environment::Environment(Kind kind, QUrl login, QUrl api, QUrl web)
    : m_kind(kind)
    , m_loginUrl(std::move(login))
    , m_apiUrl(std::move(api))
    , m_webUrl(std::move(web))
{}

Environment Environment::production()
{
    return {Kind::Production, QUrl(QStringLiteral("https://login.procore.com")),
            QUrl(QStringLiteral("https://api.procore.com")),
            QUrl(QStringLiteral("https://app.procore.com"))};
}

Environment Environment::sandbox()
{
    return {Kind::Sandbox, QUrl(QStringLiteral("https://login-sandbox.procore.com")),
            QUrl(QStringLiteral("https://sandbox.procore.com")),
            QUrl(QStringLiteral("https://sandbox.procore.com"))};
}

Environment Environment::monthly()
{
    // Procore's development-environments page names the monthly sandbox's web host.
    return {Kind::Monthly, QUrl(QStringLiteral("https://login-sandbox-monthly.procore.com")),
            QUrl(QStringLiteral("https://api-monthly.procore.com")),
            QUrl(QStringLiteral("https://api-sandbox-monthly.procore.com"))};
}

Environment Environment::federal()
{
    // Procore's Federal Zone overview names the login and API hosts only; the web host below is
    // a guess used just when company_base_url cannot be asked (every link takes the company's
    // own zone host from there).
    return {Kind::Federal, QUrl(QStringLiteral("https://login.procoregov.com")),
            QUrl(QStringLiteral("https://api.procoregov.com")),
            QUrl(QStringLiteral("https://app.procoregov.com"))};
}

Environment Environment::fromName(const QString &name, ProcoreError *error)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("production"))
        return production();
    if (n == QLatin1String("sandbox"))
        return sandbox();
    if (n == QLatin1String("monthly"))
        return monthly();
    if (n == QLatin1String("federal"))
        return federal();
    if (error) {
        *error = ProcoreError(
            ProcoreError::Kind::Config,
            tr("Unknown Procore environment \"%1\". Use production, sandbox, monthly or "
               "federal, or give both a login URL and an API URL.")
                .arg(name),
            QStringLiteral("unknown environment name"));
    }
    return {};
}

bool Environment::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    // QUrl::host() gives IPv6 addresses bare; a host typed by hand may keep the brackets.
    QString bare = host;
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.mid(1, bare.size() - 2);
    QHostAddress address;
    return address.setAddress(bare) && address.isLoopback();
}

ProcoreError Environment::validateBaseUrl(const QUrl &url, const QString &what)
{
    const auto fail = [&](const QString &message, const char *detail) {
        return ProcoreError(ProcoreError::Kind::Config, message,
                            QStringLiteral("%1: %2").arg(what, QLatin1String(detail)));
    };
    const QString shown = url.toString(QUrl::RemoveUserInfo);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return fail(tr("The %1 \"%2\" is not an absolute web address such as "
                       "https://login.example.com.")
                        .arg(what, shown),
                    "not an absolute URL");
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(tr("The %1 must start with https:// (it is \"%2\").").arg(what, shown),
                    "scheme not http(s)");
    if (!url.userInfo().isEmpty())
        return fail(tr("The %1 must not contain a user name or password.").arg(what),
                    "user info present");
    if (url.hasQuery() || url.hasFragment())
        return fail(tr("The %1 \"%2\" must not contain \"?\" or \"#\".").arg(what, shown),
                    "query or fragment present");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return fail(tr("The %1 \"%2\" uses plain http://, which would send your sign-in "
                       "unencrypted. Use https://; plain http:// is allowed only for this "
                       "computer (localhost or 127.0.0.1).")
                        .arg(what, shown),
                    "plain http to a non-loopback host");
    return {};
}

Environment Environment::custom(const QString &loginUrl, const QString &apiUrl, ProcoreError *error)
{
    const QUrl login(loginUrl.trimmed(), QUrl::StrictMode);
    const QUrl api(apiUrl.trimmed(), QUrl::StrictMode);
    ProcoreError problem = validateBaseUrl(login, tr("login URL"));
    if (!problem)
        problem = validateBaseUrl(api, tr("API URL"));
    if (problem) {
        if (error)
            *error = problem;
        return {};
    }
    const QUrl cleanApi = withoutTrailingSlash(api);
    return {Kind::Custom, withoutTrailingSlash(login), cleanApi, cleanApi};
}

QString Environment::name() const
{
    switch (m_kind) {
    case Kind::Production:
        return QStringLiteral("production");
    case Kind::Sandbox:
        return QStringLiteral("sandbox");
    case Kind::Monthly:
        return QStringLiteral("monthly");
    case Kind::Federal:
        return QStringLiteral("federal");
    case Kind::Custom:
        return QStringLiteral("custom");
    case Kind::Invalid:
        break;
    }
    return {};
}

QString Environment::key() const
{
    if (m_kind != Kind::Custom)
        return name();
    // Both origins: two custom environments sharing a login host but not an API host are two
    // sets of tokens, entries and offline copies, never one.
    const auto origin = [](const QUrl &url) {
        QString host = url.host();
        if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        return QStringLiteral("%1:%2").arg(host).arg(effectivePort(url));
    };
    return QStringLiteral("custom:%1+%2").arg(origin(m_loginUrl), origin(m_apiUrl));
}

QString Environment::displayName() const
{
    switch (m_kind) {
    case Kind::Production:
        return tr("Procore");
    case Kind::Sandbox:
        return tr("Procore developer sandbox");
    case Kind::Monthly:
        return tr("Procore monthly sandbox");
    case Kind::Federal:
        return tr("Procore Federal Zone");
    case Kind::Custom:
        return tr("Custom server (%1)")
            .arg(m_loginUrl.host() + QLatin1Char(':') + QString::number(effectivePort(m_loginUrl)));
    case Kind::Invalid:
        break;
    }
    return tr("No environment");
}

QUrl Environment::loginEndpoint(const QString &path) const
{
    QUrl url = m_loginUrl;
    url.setPath(m_loginUrl.path() + path);
    return url;
}

QStringList Environment::allowedLoginHosts() const
{
    if (!isValid())
        return {};
    return {m_loginUrl.host()};
}

bool Environment::operator==(const Environment &other) const
{
    return m_kind == other.m_kind && m_loginUrl == other.m_loginUrl && m_apiUrl == other.m_apiUrl &&
           m_webUrl == other.m_webUrl;
}
