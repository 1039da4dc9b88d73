#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QString>

// The real QNetworkAccessManager, noting when each request was handed to it and when its answer
// was complete, on the bench clock (monotonicSeconds). Nothing is answered or changed here. From
// the notes it counts round trips: over a link where every answer takes the same latency, the
// time a chain of dependent requests costs is that latency times the chain's length.
class RequestLog final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLog)
public:
    struct Entry
    {
        QString path;
        double sent = 0;
        double answered = -1; // -1 until the reply finished
    };

    using QNetworkAccessManager::QNetworkAccessManager;

    const QList<Entry> &entries() const { return m_entries; }
    // When the last answer to a request whose path starts with `prefix` was complete; -1 if none.
    double answeredAt(const QString &prefix) const;
    // The longest chain of requests sent at or after `from` and answered by `to`, each sent only
    // after the previous one's answer was complete: the round trips that cost time.
    int roundTrips(double from, double to) const;
    // Requests sent at or after `from` and answered by `to`.
    int requests(double from, double to) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QList<Entry> m_entries;
};
