#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

struct RecordedRequest
{
    QByteArray method;
    QByteArray target;                     // path and query as sent
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool hasHeader(const QByteArray &name) const { return headers.contains(name.toLower()); }
};

struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body = "[]";
};

// A tiny HTTP/1.1 server on 127.0.0.1 for the cases the emulator has no switch for: a second
// host that must never see the token, redirects and Link headers pointing elsewhere, paging
// headers that lie. Records every request; answers from a handler, one request per connection.
class RecordingServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingServer)
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &)>;

    explicit RecordingServer(QObject *parent = nullptr);
    ~RecordingServer() override;

    bool listen(); // a free port on 127.0.0.1
    QUrl url() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QList<RecordedRequest> requests() const { return m_requests; }
    void clear() { m_requests.clear(); }

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
