#include "emulatorconfig.h"

EmulatorConfig EmulatorConfig::defaults()
{
    EmulatorConfig config;
    config.clients.append(
        {QStringLiteral("procore-desktop-demo"),
         QStringLiteral("demo-secret-not-secret"),
         QStringLiteral("Procore Desktop Demo"),
         {QStringLiteral("http://127.0.0.1:8765/callback"), QStringLiteral("http://localhost"),
          QStringLiteral("urn:ietf:wg:oauth:2.0:oob")}});
    // A second registered app, so tests can present another app's redirect URI or tokens.
    config.clients.append({QStringLiteral("other-app-demo"),
                           QStringLiteral("other-secret"),
                           QStringLiteral("Other Demo App"),
                           {QStringLiteral("https://other.example.com/callback")}});
    // Above 2^32 on purpose: resource_owner_id must survive 64-bit handling.
    config.users.append({5368709123, QStringLiteral("demo@example.com"),
                         QStringLiteral("procore-demo"), QStringLiteral("Dana Demo")});
    return config;
}

const OAuthClient *EmulatorConfig::client(const QString &id) const
{
    for (const OAuthClient &candidate : clients) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

const DemoUser *EmulatorConfig::user(qint64 id) const
{
    for (const DemoUser &candidate : users) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

const DemoUser *EmulatorConfig::userByEmail(const QString &email) const
{
    for (const DemoUser &candidate : users) {
        if (candidate.email.compare(email.trimmed(), Qt::CaseInsensitive) == 0)
            return &candidate;
    }
    return nullptr;
}
