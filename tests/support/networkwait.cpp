#include "networkwait.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace NetworkWait {

bool forReply(QNetworkReply *reply, int timeoutMs)
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    if (reply->isFinished())
        return true;
    reply->abort();
    return false;
}

} // namespace NetworkWait
