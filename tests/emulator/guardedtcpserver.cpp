#include "guardedtcpserver.h"

#include "guardedsocket.h"

GuardedTcpServer::GuardedTcpServer(int requestTimeoutMs, QObject *parent)
    : QTcpServer(parent)
    , m_requestTimeoutMs(requestTimeoutMs)
{}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new GuardedSocket(m_requestTimeoutMs, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}
