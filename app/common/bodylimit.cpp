#include "bodylimit.h"

#include <QNetworkReply>

#include <memory>
#include <utility>

void BodyLimit::watch(QNetworkReply *reply, qint64 limit, QObject *context,
                      const std::function<void()> &exceeded)
{
    const auto refused = std::make_shared<bool>(false);
    const auto refuse = [reply, exceeded, refused] {
        if (std::exchange(*refused, true))
            return;
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
