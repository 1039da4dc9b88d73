#include "guardedtcpserver.h"

#include "guardedsocket.h"

GuardedTcpServer::GuardedTcpServer(QObject *parent)
    : QTcpServer(parent)
{}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new GuardedSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}
