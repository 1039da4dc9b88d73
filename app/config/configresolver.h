#pragma once

#include "clientconfig.h"
#include "environment.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

class QSettings;

// Decides the environment and the OAuth client from, highest priority first: the command line,
// environment variables, QSettings, and the build's defaults (AppInfo).
//
// Settings keys: environment/name, environment/loginUrl, environment/apiUrl, oauth/clientId,
// oauth/clientSecret, oauth/redirectUri. The secret may sit in settings so
// company IT can deploy its own registered app with a managed settings file; it is no less
// secret there than compiled into the binary. Tokens never go to settings.
// Environment variables: PROCORE_CLIENT_ID, PROCORE_CLIENT_SECRET, PROCORE_REDIRECT_URI.
// PKCE has no switch: every sign-in sends an S256 challenge.
class ConfigResolver final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigResolver)

public:
    // What the command line gave (highest precedence); an empty string means "not given".
    struct Overrides
    {
        QString environment; // --environment
        QString loginUrl;    // --login-url
        QString apiUrl;      // --api-url
        QString clientId;
        QString clientSecret;
        QString redirectUri;
    };

    struct Result
    {
        Environment environment;
        ClientConfig client;
        ProcoreError error; // when set, environment and client must not be used
    };

    // Returns the value of an environment variable, or nullopt when it is not set.
    using EnvironmentLookup = std::function<std::optional<QString>(const QString &name)>;
    static std::optional<QString> processEnvironment(const QString &name);

    // `settings` may be null (no settings consulted).
    explicit ConfigResolver(const QSettings *settings,
                            EnvironmentLookup lookup = &ConfigResolver::processEnvironment);

    Result resolve(const Overrides &commandLine) const;
    Environment resolveEnvironment(const Overrides &commandLine, ProcoreError *error) const;
    ClientConfig resolveClient(const Overrides &commandLine, ProcoreError *error) const;

private:
    QString setting(const QString &key) const;

    const QSettings *m_settings;
    EnvironmentLookup m_lookup;
};
