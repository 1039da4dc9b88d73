#include "emulatorserver.h"

#include "guardedsocket.h"
#include "guardedtcpserver.h"
#include "requestdispatcher.h"

#include <QHttpServerRequest>
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#include <QHttpServerResponder>
#endif
#include <QTcpSocket>
#include <QTimer>

EmulatorServer::EmulatorServer(const QString &name, RequestDispatcher *dispatcher, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_name(name)
    , m_dispatcher(dispatcher)
{}

bool EmulatorServer::listenOnLoopback(quint16 port, int requestTimeoutMs)
{
    auto *tcpServer = new GuardedTcpServer(requestTimeoutMs, this);
    if (!tcpServer->listen(QHostAddress::LocalHost, port)) {
        m_error = tcpServer->errorString();
        delete tcpServer;
        return false;
    }
    m_port = tcpServer->serverPort();
    m_tcpServer = tcpServer;
    bind(tcpServer);
    return true;
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
bool EmulatorServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &)
{
    GuardedSocket *socket = socketOf(request);
    return socket && answer(request, socket);
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
void EmulatorServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &)
#else
void EmulatorServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&)
#endif
{
    if (GuardedSocket *socket = socketOf(request))
        answerMissing(request, socket);
}

GuardedSocket *EmulatorServer::socketOf(const QHttpServerRequest &request) const
{
    // Every connection is 127.0.0.1 to our port, so the peer's port names it.
    return m_tcpServer ? m_tcpServer->connection(request.remotePort()) : nullptr;
}
#else
// The sockets are the GuardedSockets our GuardedTcpServer made.
bool EmulatorServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto *guarded = qobject_cast<GuardedSocket *>(socket);
    return guarded && answer(request, guarded);
}

void EmulatorServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (auto *guarded = qobject_cast<GuardedSocket *>(socket))
        answerMissing(request, guarded);
}
#endif

bool EmulatorServer::answer(const QHttpServerRequest &request, GuardedSocket *socket)
{
    socket->requestAnswered();
    const HttpRequest copy = HttpRequest::fromQt(request, m_name);
    const Delivery delivery = m_dispatcher->dispatch(copy);
    const bool keepAlive = copy.header("connection").toLower() != "close";
    const bool headOnly = copy.method == "HEAD";
    if (delivery.delayMs <= 0) {
        deliver(socket, delivery, keepAlive, headOnly);
    } else {
        // The socket is the timer's context: if the client gives up first, nothing is sent.
        QTimer::singleShot(delivery.delayMs, socket, [socket, delivery, keepAlive, headOnly] {
            deliver(socket, delivery, keepAlive, headOnly);
        });
    }
    return true;
}

void EmulatorServer::answerMissing(const QHttpServerRequest &request, GuardedSocket *socket)
{
    socket->requestAnswered();
    Delivery delivery;
    delivery.response = HttpResponse::restError(404, QStringLiteral("Not Found"));
    deliver(socket, delivery, true, request.method() == QHttpServerRequest::Method::Head);
}

void EmulatorServer::deliver(GuardedSocket *socket, const Delivery &delivery, bool keepAlive,
                             bool headOnly)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    const HttpResponse &response = delivery.response;
    switch (delivery.mode) {
    case Delivery::Mode::Normal:
        socket->write(response.head(keepAlive));
        if (!headOnly)
            socket->write(response.wireBody());
        if (!keepAlive)
            socket->closeAfterAnswer();
        break;
    case Delivery::Mode::Drop: {
        const QByteArray head = response.head(true);
        if (response.body.size() >= 2) {
            socket->write(head);
            socket->write(response.body.left(response.body.size() / 2));
        } else {
            socket->write(head.left(head.size() / 2));
        }
        // The close sends what is buffered first, so the client sees a truncated answer and
        // then the close, not a reset that could discard the partial data.
        socket->closeAfterAnswer();
        break;
    }
    case Delivery::Mode::Stall:
        socket->write(response.head(true));
        break;
    }
}
