#pragma once

#include <QTcpServer>

// Hands out GuardedSocket connections (see there why).
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    GuardedTcpServer(int requestTimeoutMs, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    int m_requestTimeoutMs;
};
