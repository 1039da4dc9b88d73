#pragma once

#include <QTcpSocket>
#include <QTimer>

// Qt 6.4's QAbstractHttpServer gives up on a request it cannot parse by closing the
// connection (or, in some builds, by disconnecting the socket's signals and leaving it open)
// without an answer, and waits forever for a request that never completes. A real server
// answers 400 or 408, so this socket does: it notices an unfinished request transaction at
// close, the mass disconnect, or a request still incomplete after the request timeout.
// An idle keep-alive connection is no request: the timeout runs from bytes arriving to the
// request being answered.
class GuardedSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedSocket)

public:
    GuardedSocket(int requestTimeoutMs, QObject *parent = nullptr);
    void disconnectFromHost() override;
    // The request read so far became a whole one and got its answer.
    void requestAnswered() { m_requestTimer.stop(); }
    // disconnectFromHost() once the current request handler has returned, so that Qt 6.5+'s
    // HTTP server finds the connection still open then: finding it closing, it deletes it at
    // once, with whatever answer is still buffered. The close itself still sends that first.
    void closeAfterAnswer();

protected:
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    void writeError(int status);
    void requestTimedOut();

    QTimer m_requestTimer;
    int m_requestTimeoutMs;
    bool m_rejected = false;
};
