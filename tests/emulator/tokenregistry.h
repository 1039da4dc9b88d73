#pragma once

#include <QHash>
#include <QString>

struct IssuedTokens
{
    QString accessToken;
    QString refreshToken;
    qint64 createdAt = 0; // Unix seconds
    int expiresIn = 0;    // what the answer advertises
};

// Grants, their access tokens and their single-use, rotating refresh tokens. Revoking a grant
// kills every token it ever issued, as when a reused refresh token betrays a stolen one.
class TokenRegistry final
{
public:
    enum class AccessState { Valid, Unknown, Expired, Revoked };
    struct AccessInfo
    {
        AccessState state = AccessState::Unknown;
        qint64 userId = 0;
        QString clientId;
        qint64 createdAt = 0; // Unix seconds
        qint64 expiresAtMs = 0;
    };
    enum class RefreshResult { Issued, Unknown, Reused, Revoked, OtherClient };

    // lifetimeMs is how long the access token really works; it may be shorter than expiresIn.
    IssuedTokens createGrant(qint64 userId, const QString &clientId, int expiresIn,
                             qint64 lifetimeMs);
    // Consumes refreshToken whatever happens next; a second use revokes the whole grant.
    RefreshResult refresh(const QString &refreshToken, const QString &clientId, int expiresIn,
                          qint64 lifetimeMs, IssuedTokens *issued);
    AccessInfo inspect(const QString &accessToken) const;
    // Revokes the grant of an access or refresh token of that client; false if none.
    bool revoke(const QString &token, const QString &clientId);
    void revokeAll();
    void expireAll();

private:
    struct Grant
    {
        qint64 userId = 0;
        QString clientId;
        bool revoked = false;
    };
    struct AccessRecord
    {
        int grantId = 0;
        qint64 createdAt = 0;
        qint64 expiresAtMs = 0;
    };
    struct RefreshRecord
    {
        int grantId = 0;
        bool used = false;
    };
    IssuedTokens issue(int grantId, int expiresIn, qint64 lifetimeMs);

    QHash<int, Grant> m_grants;
    QHash<QString, AccessRecord> m_access;
    QHash<QString, RefreshRecord> m_refresh;
    int m_nextGrantId = 1;
};
