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
    auto pieces = std::make_shared<int>(0);
    // Connected before the app connects its own slots, so a report is counted before the app
    // can act on the signal that comes with it.
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, path, pieces](qint64 received, qint64) {
                ++*pieces;
                Read &read = m_reads[path];
                read.bytes = std::max(read.bytes, received);
            });
    connect(reply, &QNetworkReply::errorOccurred, this,
            [this, path, pieces](QNetworkReply::NetworkError error) {
                if (error != QNetworkReply::OperationCanceledError)
                    return;
                Read &read = m_reads[path];
                read.aborted = true;
                read.piecesBeforeAbort = *pieces;
            });
    return reply;
}
