#include "loopbacklistener.h"

#include "authorizationresponse.h"
#include "common/appinfo.h"
#include "common/logging.h"
#include "common/redact.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace {

const char *kBufferProperty = "procoreRequestBuffer";

} // namespace

LoopbackListener::LoopbackListener(QObject *parent)
    : QObject(parent)
{}

LoopbackListener::~LoopbackListener() = default;

bool LoopbackListener::listen(const QUrl &redirectUri, const QString &expectedState,
                              ProcoreError *error)
{
    stop();
    m_done = false;
    m_redirectUri = redirectUri;
    m_expectedState = expectedState;
    const int port = redirectUri.port(80);
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(8);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackListener::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, quint16(port))) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        if (error)
            *error = ProcoreError(
                ProcoreError::Kind::Config,
                tr("The app could not receive the sign-in answer on port %1 (%2). Close the "
                   "program using that port, or sign in inside the app instead.")
                    .arg(port)
                    .arg(why),
                QStringLiteral("loopback listen on 127.0.0.1:%1 failed: %2").arg(port).arg(why));
        return false;
    }
    qCInfo(lcAuth) << "waiting for the browser's redirect on 127.0.0.1 port" << port;
    return true;
}

void LoopbackListener::stop()
{
    complete(false);
}

void LoopbackListener::complete(bool signedIn, const QString &problem)
{
    if (m_waiting) {
        QString text = signedIn ? tr("You are signed in. You can close this tab and return to %1.")
                                      .arg(AppInfo::name())
                                : tr("Sign-in was not completed. You can close this tab and "
                                     "return to %1.")
                                      .arg(AppInfo::name());
        if (!signedIn && !problem.isEmpty())
            text += QLatin1Char(' ') + problem;
        respond(m_waiting, 200, "OK", text);
        // The page must reach the tab even when the listener goes right after: the socket
        // lives on its own until the tab has it (disconnected -> deleteLater).
        m_waiting->setParent(nullptr);
        QTimer::singleShot(m_idleTimeoutMs, m_waiting.data(), &QObject::deleteLater);
        m_waiting = nullptr;
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

bool LoopbackListener::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 LoopbackListener::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void LoopbackListener::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto *idle = new QTimer(socket);
        idle->setSingleShot(true);
        connect(idle, &QTimer::timeout, socket, [socket] { socket->abort(); });
        idle->start(m_idleTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
}

void LoopbackListener::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property(kBufferProperty).toByteArray();
    buffer += socket->read(kMaxRequestBytes + 1 - buffer.size());
    socket->setProperty(kBufferProperty, buffer);
    const int headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > kMaxRequestBytes)
            respond(socket, 431, "Request Header Fields Too Large", tr("Request too large."));
        return;
    }
    const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1."))
        return respond(socket, 400, "Bad Request", tr("Bad request."));
    if (parts.at(0) != "GET")
        return respond(socket, 405, "Method Not Allowed", tr("Method not allowed."));
    const QUrl target = QUrl::fromEncoded(parts.at(1), QUrl::StrictMode);
    if (!target.isValid() || !target.isRelative() || !parts.at(1).startsWith('/'))
        return respond(socket, 400, "Bad Request", tr("Bad request."));

    QUrl received = m_redirectUri;
    received.setPath(target.path(QUrl::FullyEncoded), QUrl::StrictMode);
    received.setQuery(target.query(QUrl::FullyEncoded), QUrl::StrictMode);
    const auto response = AuthorizationResponse::fromRedirect(m_redirectUri, received);
    if (m_done || response.kind == AuthorizationResponse::Kind::NotRedirect ||
        response.state.isEmpty() || response.state != m_expectedState) {
        qCInfo(lcAuth).noquote() << "loopback request refused (not this sign-in's redirect):"
                                 << Redact::url(received);
        return respond(socket, 400, "Bad Request",
                       tr("This is not the answer to the sign-in in progress."));
    }

    m_done = true;
    m_waiting = socket;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    // The tab waits for the code exchange; the attempt's own timeout bounds that wait.
    for (QTimer *idle : socket->findChildren<QTimer *>())
        idle->stop();
    qCInfo(lcAuth).noquote() << "browser redirect received:" << Redact::url(received);
    emit redirectReceived(received);
}

void LoopbackListener::respond(QTcpSocket *socket, int status, const QByteArray &reason,
                               const QString &text)
{
    const QByteArray body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                           "<title>%1</title></head><body style=\"font-family:"
                                           "sans-serif;margin:3em\"><p>%2</p></body></html>")
                                .arg(AppInfo::name().toHtmlEscaped(), text.toHtmlEscaped())
                                .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n";
    response += "Connection: close\r\n\r\n";
    response += body;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    socket->write(response);
    socket->disconnectFromHost();
}
