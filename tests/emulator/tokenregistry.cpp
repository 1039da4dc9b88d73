#include "tokenregistry.h"

#include "randomtoken.h"

#include <QDateTime>

static qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

IssuedTokens TokenRegistry::issue(int grantId, int expiresIn, qint64 lifetimeMs)
{
    IssuedTokens tokens;
    tokens.accessToken = randomToken();
    tokens.refreshToken = randomToken();
    const qint64 now = nowMs();
    tokens.createdAt = now / 1000;
    tokens.expiresIn = expiresIn;
    m_access.insert(tokens.accessToken, {grantId, tokens.createdAt, now + lifetimeMs});
    m_refresh.insert(tokens.refreshToken, {grantId, false});
    return tokens;
}

IssuedTokens TokenRegistry::createGrant(qint64 userId, const QString &clientId, int expiresIn,
                                        qint64 lifetimeMs)
{
    const int grantId = m_nextGrantId++;
    m_grants.insert(grantId, {userId, clientId, false});
    return issue(grantId, expiresIn, lifetimeMs);
}

TokenRegistry::RefreshResult TokenRegistry::refresh(const QString &refreshToken,
                                                    const QString &clientId, int expiresIn,
                                                    qint64 lifetimeMs, IssuedTokens *issued)
{
    const auto it = m_refresh.find(refreshToken);
    if (it == m_refresh.end())
        return RefreshResult::Unknown;
    Grant &grant = m_grants[it->grantId];
    if (grant.clientId != clientId)
        return RefreshResult::OtherClient;
    if (it->used) {
        grant.revoked = true;
        return RefreshResult::Reused;
    }
    it->used = true;
    if (grant.revoked)
        return RefreshResult::Revoked;
    *issued = issue(it->grantId, expiresIn, lifetimeMs);
    return RefreshResult::Issued;
}

TokenRegistry::AccessInfo TokenRegistry::inspect(const QString &accessToken) const
{
    AccessInfo info;
    const auto it = m_access.constFind(accessToken);
    if (it == m_access.cend())
        return info;
    const Grant grant = m_grants.value(it->grantId);
    info.userId = grant.userId;
    info.clientId = grant.clientId;
    info.createdAt = it->createdAt;
    info.expiresAtMs = it->expiresAtMs;
    if (grant.revoked)
        info.state = AccessState::Revoked;
    else if (nowMs() >= it->expiresAtMs)
        info.state = AccessState::Expired;
    else
        info.state = AccessState::Valid;
    return info;
}

bool TokenRegistry::revoke(const QString &token, const QString &clientId)
{
    int grantId = 0;
    if (const auto access = m_access.constFind(token); access != m_access.cend())
        grantId = access->grantId;
    else if (const auto refresh = m_refresh.constFind(token); refresh != m_refresh.cend())
        grantId = refresh->grantId;
    const auto grant = m_grants.find(grantId);
    if (grant == m_grants.end() || grant->clientId != clientId)
        return false;
    grant->revoked = true;
    return true;
}

void TokenRegistry::revokeAll()
{
    for (Grant &grant : m_grants)
        grant.revoked = true;
}

void TokenRegistry::expireAll()
{
    const qint64 now = nowMs();
    for (AccessRecord &record : m_access)
        record.expiresAtMs = std::min(record.expiresAtMs, now);
}
