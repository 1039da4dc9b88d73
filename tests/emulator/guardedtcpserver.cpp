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
    const quint16 peerPort = socket->peerPort();
    m_connections.insert(peerPort, socket);
    // Qt's HTTP server re-parents and deletes the socket; forget it then.
    connect(socket, &QObject::destroyed, this, [this, peerPort, socket] {
        if (m_connections.value(peerPort) == socket)
            m_connections.remove(peerPort);
    });
    addPendingConnection(socket);
}
