#include "readcountingnetwork.h"

#include <QNetworkReply>

ReadCountingNetwork::ReadCountingNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{}

QNetworkReply *ReadCountingNetwork::createRequest(Operation op, const QNetworkRequest &request,
                                                  QIODevice *outgoingData)
{
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
    const QString path = request.url().path();
    // Connected before the app connects its own slots, so each count is noted before the app
    // can abort on it.
    connect(reply, &QNetworkReply::downloadProgress, this, [this, path](qint64 received, qint64) {
        Read &read = m_reads[path];
        read.bytes = std::max(read.bytes, received);
    });
    connect(reply, &QNetworkReply::errorOccurred, this,
            [this, path](QNetworkReply::NetworkError error) {
                if (error == QNetworkReply::OperationCanceledError)
                    m_reads[path].aborted = true;
            });
    return reply;
}
