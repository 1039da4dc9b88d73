#include "guardedsocket.h"

#include <QMetaMethod>

GuardedSocket::GuardedSocket(int requestTimeoutMs, QObject *parent)
    : QTcpSocket(parent)
    , m_requestTimeoutMs(requestTimeoutMs)
{
    m_requestTimer.setSingleShot(true);
    connect(&m_requestTimer, &QTimer::timeout, this, &GuardedSocket::requestTimedOut);
    // Qt 6.8's HTTP server also emits readyRead itself after every answer, with nothing new.
    connect(this, &QIODevice::readyRead, this, [this] {
        if (bytesAvailable() > 0)
            m_requestTimer.start(m_requestTimeoutMs);
    });
}

void GuardedSocket::closeAfterAnswer()
{
    QMetaObject::invokeMethod(
        this, [this] { disconnectFromHost(); }, Qt::QueuedConnection);
}

void GuardedSocket::writeError(int status)
{
    if (m_rejected || state() != ConnectedState)
        return;
    m_rejected = true;
    const QByteArray reason = status == 408 ? "Request Timeout" : "Bad Request";
    const QByteArray body = R"({"errors":")" + reason + R"("})";
    write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
          "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

void GuardedSocket::disconnectFromHost()
{
    // The server commits its read transaction before handing a request on, so one still open
    // here means bytes arrived that never became a request. Our own closes after an answer
    // and the peer's ordinary close find no open transaction.
    if (isTransactionStarted())
        writeError(400);
    QTcpSocket::disconnectFromHost();
}

void GuardedSocket::requestTimedOut()
{
    if (!isTransactionStarted() || state() != ConnectedState)
        return;
    writeError(408);
    QTcpSocket::disconnectFromHost();
}

void GuardedSocket::disconnectNotify(const QMetaMethod &signal)
{
    if (signal.isValid() || m_rejected || state() != ConnectedState)
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            writeError(400);
            connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
            QTcpSocket::disconnectFromHost();
            if (state() == UnconnectedState)
                deleteLater();
        },
        Qt::QueuedConnection);
}
