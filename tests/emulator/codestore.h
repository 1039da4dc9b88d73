#pragma once

#include <QHash>
#include <QString>

struct AuthorizationCode
{
    QString clientId;
    QString redirectUri;
    qint64 userId = 0;
    QString codeChallenge; // S256, empty when the client sent none
    qint64 expiresAtMs = 0;
    bool used = false;
};

// Authorization codes: single-use, short-lived, bound to client, redirect URI and challenge.
class CodeStore final
{
public:
    enum class Lookup { Found, Unknown, Used, Expired, OtherClient, OtherRedirectUri };

    QString issue(const AuthorizationCode &code);
    // Checks the code without using it up, so a failed PKCE check can still be told apart.
    Lookup find(const QString &code, const QString &clientId, const QString &redirectUri,
                AuthorizationCode *found) const;
    void markUsed(const QString &code);

private:
    QHash<QString, AuthorizationCode> m_codes;
};
