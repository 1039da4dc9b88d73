#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

struct HttpRequest;

// What the control API's GET /_emulator/counters reports.
class Counters final
{
public:
    enum class Event {
        Refresh,
        RefreshFailure,
        TokenIssued,
        CodeIssued,
        RefreshTokenReuse,
        RateLimited,
        AuthorizeRequest,     // GET /oauth/authorize, whatever its parameters
        AuthorizeS256,        // ... carrying code_challenge_method=S256 and a 43-char challenge
        StorageAuthorization, // a storage host request that carried an Authorization header
    };

    void record(const HttpRequest &request);
    void add(Event event);
    // Body bytes the storage host sent (cut answers count what was written).
    void addStorageBytes(qint64 bytes) { m_storageBytes += bytes; }
    void reset();
    QJsonObject toJson() const;

private:
    QHash<QString, qint64> m_requests;
    QHash<QString, qint64> m_requestsPerToken;
    QHash<QString, QString> m_lastAuthorization;
    QHash<QString, QString> m_lastUserAgent;
    QHash<Event, qint64> m_events;
    qint64 m_storageBytes = 0;
};
