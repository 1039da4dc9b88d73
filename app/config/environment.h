#pragma once

#include "common/procoreerror.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

// Which Procore the app talks to: one of Procore's hosted environments, or a custom pair of base
// URLs (company proxies, the bundled emulator). Tokens from one environment are useless in
// another, so key() separates their keychain entries. Which app credentials each takes:
// production and the monthly sandbox use the production app's; the developer sandbox its own
// sandbox credentials; the Federal Zone (US government) a separate app registration. An
// on-demand sandbox is a company on the production hosts with production credentials.
class Environment final
{
    Q_DECLARE_TR_FUNCTIONS(Environment)

public:
    enum class Kind { Invalid, Production, Sandbox, Monthly, Federal, Custom };

    Environment() = default; // invalid
    static Environment production();
    static Environment sandbox();
    static Environment monthly();
    static Environment federal();
    // "production", "sandbox", "monthly" or "federal" (case-insensitive); anything else is a
    // Config error.
    static Environment fromName(const QString &name, ProcoreError *error = nullptr);
    // Absolute http/https URLs without user info, query or fragment; plain http only for a
    // loopback host. A trailing slash on the path is dropped.
    static Environment custom(const QString &loginUrl, const QString &apiUrl,
                              ProcoreError *error = nullptr);
    // Validates one base URL; `what` names it in the message ("login URL").
    static ProcoreError validateBaseUrl(const QUrl &url, const QString &what);
    static bool isLoopbackHost(const QString &host);

    bool isValid() const { return m_kind != Kind::Invalid; }
    Kind kind() const { return m_kind; }
    bool isProduction() const { return m_kind == Kind::Production; }
    bool isCustom() const { return m_kind == Kind::Custom; }
    // "production", "sandbox", "monthly", "federal" or "custom".
    QString name() const;
    // Stable across runs: name(), or "custom:<login host>:<port>+<API host>:<port>".
    QString key() const;
    QString displayName() const;

    QUrl loginUrl() const { return m_loginUrl; }
    QUrl apiUrl() const { return m_apiUrl; }
    // The default host of Procore's web app, used for a link only when the company's own zone
    // host (company_base_url) could not be asked. A custom environment has none of its own, so
    // its API base stands in.
    QUrl webUrl() const { return m_webUrl; }

    QUrl authorizeUrl() const { return loginEndpoint(QStringLiteral("/oauth/authorize")); }
    QUrl tokenUrl() const { return loginEndpoint(QStringLiteral("/oauth/token")); }
    QUrl revokeUrl() const { return loginEndpoint(QStringLiteral("/oauth/revoke")); }
    QUrl tokenInfoUrl() const { return loginEndpoint(QStringLiteral("/oauth/token/info")); }
    QUrl loginEndpoint(const QString &path) const;

    // Hosts the embedded login view may load. Only the login host: Procore does not document
    // which asset or single-sign-on hosts its login page pulls in, so anything else is left to
    // the view's policy (refuse, or hand to the system browser).
    QStringList allowedLoginHosts() const;

    bool operator==(const Environment &other) const;
    bool operator!=(const Environment &other) const { return !(*this == other); }

private:
    Environment(Kind kind, QUrl login, QUrl api, QUrl web);

    Kind m_kind = Kind::Invalid;
    QUrl m_loginUrl;
    QUrl m_apiUrl;
    QUrl m_webUrl;
};
