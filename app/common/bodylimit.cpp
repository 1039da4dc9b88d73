#include "bodylimit.h"

#include <QNetworkReply>

void BodyLimit::watch(QNetworkReply *reply, qint64 limit, QObject *context,
                      const std::function<void()> &exceeded)
{
    // Once aborted the reply is closed and finished, so neither signal comes again: no flag
    // is needed to call `exceeded` once.
    const auto refuse = [reply, exceeded] {
        exceeded();
        reply->abort();
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, context, [reply, limit, refuse] {
        bool known = false;
        const qint64 announced =
            reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
        if (known && announced > limit)
            refuse();
    });
    QObject::connect(reply, &QNetworkReply::readyRead, context, [reply, limit, refuse] {
        if (reply->bytesAvailable() > limit)
            refuse();
    });
}
