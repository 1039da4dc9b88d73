#pragma once

#include "common/procoreerror.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QTcpServer;
class QTcpSocket;
class QTimer;

// The system-browser sign-in's landing place (RFC 8252 §7.3): a tiny HTTP listener on
// 127.0.0.1 only, at the registered redirect URI's fixed port. It answers the browser with a
// "you can close this tab" page, hands the redirect URL on, and stops after that one callback.
// Other paths (favicon…) get 404; oversized or idle connections are cut.
class LoopbackListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackListener)
public:
    static constexpr int kMaxRequestBytes = 8192;

    explicit LoopbackListener(QObject *parent = nullptr);
    ~LoopbackListener() override;

    // Listens for `redirectUri` (http://127.0.0.1:<port>/path or http://localhost:<port>/path).
    bool listen(const QUrl &redirectUri, ProcoreError *error);
    void stop();
    bool isListening() const;
    quint16 port() const;
    void setIdleTimeout(int ms) { m_idleTimeoutMs = ms; }

signals:
    void redirectReceived(const QUrl &url);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &reason, const QString &text);

    QTcpServer *m_server = nullptr;
    QUrl m_redirectUri;
    int m_idleTimeoutMs = 10000;
    bool m_done = false;
};
