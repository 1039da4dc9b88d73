#pragma once

#include <QTcpSocket>

// Qt 6.4's QAbstractHttpServer reacts to an unparsable request by disconnecting every signal
// of the socket and leaving the connection open, so the client would hang. That mass
// disconnect is the only one it ever makes, so seeing it here means "bad request": answer 400
// and close, as a real server does.
class GuardedSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedSocket)

public:
    explicit GuardedSocket(QObject *parent = nullptr);

protected:
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    void rejectUnparsable();
    bool m_rejecting = false;
};
