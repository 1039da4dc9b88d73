#pragma once

#include <QAbstractHttpServer>
#include <QString>

class RequestDispatcher;
struct Delivery;

// One of the emulator's two hosts (login or API) on 127.0.0.1. It derives from
// QAbstractHttpServer rather than using QHttpServer because only here does the handler get the
// QTcpSocket, which the drop and stall faults need (QHttpServer 6.4 makes handleRequest final).
class EmulatorServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmulatorServer)

public:
    EmulatorServer(const QString &name, RequestDispatcher *dispatcher, QObject *parent = nullptr);

    // requestTimeoutMs: how long an incomplete request may take before a 408.
    bool listenOnLoopback(quint16 port, int requestTimeoutMs);
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void deliver(QTcpSocket *socket, const Delivery &delivery, bool keepAlive,
                        bool headOnly);

    QString m_name;
    RequestDispatcher *m_dispatcher;
    quint16 m_port = 0;
    QString m_error;
};
