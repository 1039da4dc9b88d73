#include "counters.h"

#include "httprequest.h"

void Counters::record(const HttpRequest &request)
{
    const QString key = request.counterKey();
    ++m_requests[key];
    m_lastAuthorization.insert(key, QString::fromLatin1(request.header("authorization")));
    m_lastUserAgent.insert(key, QString::fromUtf8(request.header("user-agent")));
    const QString token = request.bearerToken();
    if (!token.isEmpty())
        ++m_requestsPerToken[token.left(8)];
}

void Counters::add(Event event)
{
    ++m_events[event];
}

void Counters::reset()
{
    *this = Counters();
}

template<typename Map> static QJsonObject toObject(const Map &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject Counters::toJson() const
{
    return {{QStringLiteral("requests"), toObject(m_requests)},
            {QStringLiteral("requestsPerToken"), toObject(m_requestsPerToken)},
            {QStringLiteral("refreshes"), m_events.value(Event::Refresh)},
            {QStringLiteral("refreshFailures"), m_events.value(Event::RefreshFailure)},
            {QStringLiteral("tokensIssued"), m_events.value(Event::TokenIssued)},
            {QStringLiteral("codesIssued"), m_events.value(Event::CodeIssued)},
            {QStringLiteral("refreshTokenReuse"), m_events.value(Event::RefreshTokenReuse)},
            {QStringLiteral("rateLimited"), m_events.value(Event::RateLimited)},
            {QStringLiteral("authorizeRequests"), m_events.value(Event::AuthorizeRequest)},
            {QStringLiteral("authorizeS256"), m_events.value(Event::AuthorizeS256)},
            {QStringLiteral("storageAuthorizationHeaders"),
             m_events.value(Event::StorageAuthorization)},
            {QStringLiteral("storageBytesServed"), m_storageBytes},
            {QStringLiteral("lastAuthorization"), toObject(m_lastAuthorization)},
            {QStringLiteral("lastUserAgent"), toObject(m_lastUserAgent)}};
}
