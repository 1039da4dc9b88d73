#include "guardedsocket.h"

#include <QMetaMethod>

GuardedSocket::GuardedSocket(QObject *parent)
    : QTcpSocket(parent)
{}

void GuardedSocket::disconnectNotify(const QMetaMethod &signal)
{
    if (signal.isValid() || m_rejecting || state() != ConnectedState)
        return;
    m_rejecting = true;
    QMetaObject::invokeMethod(this, &GuardedSocket::rejectUnparsable, Qt::QueuedConnection);
}

void GuardedSocket::rejectUnparsable()
{
    static const QByteArray body = R"({"errors":"Bad Request"})";
    write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n"
          "Content-Length: " +
          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    disconnectFromHost();
    if (state() == UnconnectedState)
        deleteLater();
}
