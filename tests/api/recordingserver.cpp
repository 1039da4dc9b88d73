#include "recordingserver.h"

#include <QTcpSocket>

RecordingServer::RecordingServer(QObject *parent)
    : QObject(parent)
    , m_handler([](const RecordedRequest &) { return ScriptedResponse(); })
{
    connect(&m_server, &QTcpServer::newConnection, this, &RecordingServer::onConnection);
}

RecordingServer::~RecordingServer()
{
    // The sockets die with the server below; their disconnected() must not reach m_buffers.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

bool RecordingServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl RecordingServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void RecordingServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void RecordingServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return; // GET requests only: no body to wait for
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.clear();
    RecordedRequest request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    m_requests.append(request);

    const ScriptedResponse response = m_handler(request);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    bool hasType = false;
    for (const auto &header : response.headers) {
        hasType = hasType || header.first.compare("content-type", Qt::CaseInsensitive) == 0;
        out += header.first + ": " + header.second + "\r\n";
    }
    if (!hasType)
        out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) +
           "\r\nConnection: close\r\n\r\n" + response.body;
    socket->write(out);
    socket->disconnectFromHost();
}
