#pragma once

#include <QHash>
#include <QTcpServer>

class GuardedSocket;

// Hands out GuardedSocket connections (see there why).
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    GuardedTcpServer(int requestTimeoutMs, QObject *parent = nullptr);

    // The open connection from this peer port, or null. Qt 6.5+ no longer passes the socket to
    // a request handler, and only loopback peers connect, so the port tells them apart.
    GuardedSocket *connection(quint16 peerPort) const { return m_connections.value(peerPort); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    int m_requestTimeoutMs;
    QHash<quint16, GuardedSocket *> m_connections;
};
