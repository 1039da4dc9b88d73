#include "readcountingnetwork.h"

#include <QNetworkReply>

#include <memory>

ReadCountingNetwork::ReadCountingNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{}

QNetworkReply *ReadCountingNetwork::createRequest(Operation op, const QNetworkRequest &request,
                                                  QIODevice *outgoingData)
{
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
    const QString path = request.url().path();
    struct Progress
    {
        int pieces = 0;
        qint64 bytes = 0;
    };
    auto progress = std::make_shared<Progress>();
    // Connected before the app connects its own slots, so each piece is noted before the app
    // can abort on it.
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, path, progress](qint64 received, qint64) {
                ++progress->pieces;
                progress->bytes = received;
                Read &read = m_reads[path];
                read.bytes = std::max(read.bytes, received);
            });
    connect(reply, &QNetworkReply::errorOccurred, this,
            [this, path, progress](QNetworkReply::NetworkError error) {
                if (error != QNetworkReply::OperationCanceledError)
                    return;
                Read &read = m_reads[path];
                read.aborted = true;
                read.piecesBeforeAbort = progress->pieces;
                read.bytesBeforeAbort = progress->bytes;
            });
    return reply;
}
