#pragma once

#include <QHash>
#include <QNetworkAccessManager>
#include <QString>

// The network the app's core runs on in the fault suites: a real QNetworkAccessManager that
// also notes, per URL path, how much of an answer the app read and when it gave up on one. A
// size limit is proved by what was read before the abort, not by the process's memory, which
// everything else in the process moves too.
class ReadCountingNetwork final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadCountingNetwork)
public:
    explicit ReadCountingNetwork(QObject *parent = nullptr);

    struct Read
    {
        // The most of one answer on that path that reached the app, as Qt last counted it
        // (it counts once more as a reply ends, aborted or not).
        qint64 bytes = 0;
        bool aborted = false; // a reply on that path was cut off before its end
        // Of that reply: the progress reports Qt made (downloadProgress) before the abort; none
        // when the app refused the answer on its headers. Qt reports at most every 100 ms, so
        // beyond zero this depends on the load.
        int piecesBeforeAbort = 0;
    };
    Read read(const QString &path) const { return m_reads.value(path); }
    void clear() { m_reads.clear(); }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QHash<QString, Read> m_reads;
};
