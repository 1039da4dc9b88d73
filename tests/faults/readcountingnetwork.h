#pragma once

#include <QHash>
#include <QNetworkAccessManager>
#include <QString>

// The network the app's core runs on in the fault suites, a real QNetworkAccessManager that
// also notes, per URL path, how many bytes of an answer the app read before it finished or
// aborted the reply. A size limit is proved by what was read, not by the process's memory,
// which everything else in the process moves too.
class ReadCountingNetwork final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadCountingNetwork)
public:
    explicit ReadCountingNetwork(QObject *parent = nullptr);

    struct Read
    {
        qint64 bytes = 0;     // the most read of one answer on that path
        bool aborted = false; // whether a reply on that path was cut off before its end
    };
    Read mostRead(const QString &path) const { return m_reads.value(path); }
    void clear() { m_reads.clear(); }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QHash<QString, Read> m_reads;
};
