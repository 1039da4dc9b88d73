#pragma once

#include <QAbstractHttpServer>
#include <QString>

class GuardedSocket;
class GuardedTcpServer;
class QHttpServerResponder;
class QTcpSocket;
class RequestDispatcher;
struct Delivery;

// One of the emulator's two hosts (login or API) on 127.0.0.1. It derives from
// QAbstractHttpServer rather than using QHttpServer because only here does the handler get the
// QTcpSocket, which the drop and stall faults need (QHttpServer 6.4 makes handleRequest final).
// Qt 6.5 hands the handler a QHttpServerResponder instead of the socket; two small adapters
// below find the socket again and send everything through answer(), written once.
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
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    // The responder writes well-formed answers only; the faults write to the socket itself.
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &) override;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &) override;
#else // 6.5 to 6.7 take the responder by rvalue reference here
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&) override;
#endif
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#endif

private:
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    GuardedSocket *socketOf(const QHttpServerRequest &request) const;
#endif
    bool answer(const QHttpServerRequest &request, GuardedSocket *socket);
    static void answerMissing(const QHttpServerRequest &request, GuardedSocket *socket);
    static void deliver(GuardedSocket *socket, const Delivery &delivery, bool keepAlive,
                        bool headOnly);

    QString m_name;
    RequestDispatcher *m_dispatcher;
    GuardedTcpServer *m_tcpServer = nullptr;
    quint16 m_port = 0;
    QString m_error;
};
