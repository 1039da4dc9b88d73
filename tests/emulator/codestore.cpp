#include "codestore.h"

#include "randomtoken.h"

#include <QDateTime>

QString CodeStore::issue(const AuthorizationCode &code)
{
    const QString value = randomToken();
    m_codes.insert(value, code);
    return value;
}

CodeStore::Lookup CodeStore::find(const QString &code, const QString &clientId,
                                  const QString &redirectUri, AuthorizationCode *found) const
{
    const auto it = m_codes.constFind(code);
    if (it == m_codes.cend())
        return Lookup::Unknown;
    if (it->used)
        return Lookup::Used;
    if (QDateTime::currentMSecsSinceEpoch() >= it->expiresAtMs)
        return Lookup::Expired;
    if (it->clientId != clientId)
        return Lookup::OtherClient;
    if (it->redirectUri != redirectUri)
        return Lookup::OtherRedirectUri;
    *found = *it;
    return Lookup::Found;
}

void CodeStore::markUsed(const QString &code)
{
    const auto it = m_codes.find(code);
    if (it != m_codes.end())
        it->used = true;
}
