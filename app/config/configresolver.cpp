#include "configresolver.h"

#include "common/appinfo.h"

#include <QCoreApplication>
#include <QSettings>

namespace {

ProcoreError configError(const QString &message, const QString &detail)
{
    return ProcoreError(ProcoreError::Kind::Config, message, detail);
}

} // namespace

std::optional<QString> ConfigResolver::processEnvironment(const QString &name)
{
    const QByteArray key = name.toLatin1();
    if (!qEnvironmentVariableIsSet(key.constData()))
        return std::nullopt;
    return qEnvironmentVariable(key.constData());
}

ConfigResolver::ConfigResolver(const QSettings *settings, EnvironmentLookup lookup)
    : m_settings(settings)
    , m_lookup(std::move(lookup))
{}

QString ConfigResolver::setting(const QString &key) const
{
    if (!m_settings)
        return {};
    return m_settings->value(key).toString().trimmed();
}

Environment ConfigResolver::resolveEnvironment(const Overrides &commandLine,
                                               ProcoreError *error) const
{
    ProcoreError problem;
    Environment result;
    const bool cliName = !commandLine.environment.isEmpty();
    const bool cliLogin = !commandLine.loginUrl.isEmpty();
    const bool cliApi = !commandLine.apiUrl.isEmpty();
    if (cliName && (cliLogin || cliApi)) {
        problem = configError(tr("Use either --environment or --login-url with --api-url, not "
                                 "both."),
                              QStringLiteral("--environment combined with custom URLs"));
    } else if (cliLogin != cliApi) {
        problem = configError(tr("--login-url and --api-url must be given together: Procore "
                                 "signs in on one host and serves data from another."),
                              QStringLiteral("only one of --login-url/--api-url"));
    } else if (cliLogin) {
        result = Environment::custom(commandLine.loginUrl, commandLine.apiUrl, &problem);
    } else if (cliName) {
        result = Environment::fromName(commandLine.environment, &problem);
    } else {
        const QString login = setting(QStringLiteral("environment/loginUrl"));
        const QString api = setting(QStringLiteral("environment/apiUrl"));
        const QString name = setting(QStringLiteral("environment/name"));
        if (!login.isEmpty() || !api.isEmpty()) {
            if (login.isEmpty() || api.isEmpty())
                problem = configError(tr("The settings name only one of environment/loginUrl "
                                         "and environment/apiUrl; set both or neither."),
                                      QStringLiteral("settings: only one custom URL"));
            else
                result = Environment::custom(login, api, &problem);
        } else if (!name.isEmpty()) {
            result = Environment::fromName(name, &problem);
        } else {
            result = Environment::fromName(AppInfo::defaultEnvironment(), &problem);
        }
    }
    if (error)
        *error = problem;
    return problem ? Environment() : result;
}

ClientConfig ConfigResolver::resolveClient(const Overrides &commandLine, ProcoreError *error) const
{
    // Empty environment variables and settings count as "not set", so an exported but empty
    // PROCORE_CLIENT_SECRET cannot silently blank the build's secret.
    const auto pick = [this](const QString &cli, const char *envName, const char *settingsKey,
                             const QString &fallback) {
        if (!cli.isEmpty())
            return cli;
        const auto env = m_lookup ? m_lookup(QLatin1String(envName)) : std::nullopt;
        if (env && !env->trimmed().isEmpty())
            return env->trimmed();
        const QString fromSettings = setting(QLatin1String(settingsKey));
        return fromSettings.isEmpty() ? fallback : fromSettings;
    };

    ClientConfig config;
    config.clientId = pick(commandLine.clientId, "PROCORE_CLIENT_ID", "oauth/clientId",
                           AppInfo::defaultClientId());
    config.clientSecret = pick(commandLine.clientSecret, "PROCORE_CLIENT_SECRET",
                               "oauth/clientSecret", AppInfo::defaultClientSecret());
    config.redirectUri = pick(commandLine.redirectUri, "PROCORE_REDIRECT_URI", "oauth/redirectUri",
                              AppInfo::defaultRedirectUri());

    const ProcoreError problem = config.validate();
    if (error)
        *error = problem;
    return config;
}

ConfigResolver::Result ConfigResolver::resolve(const Overrides &commandLine) const
{
    Result result;
    result.environment = resolveEnvironment(commandLine, &result.error);
    if (result.error)
        return result;
    result.client = resolveClient(commandLine, &result.error);
    return result;
}
