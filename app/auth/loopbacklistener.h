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
// 127.0.0.1 only, at the registered redirect URI's fixed port. Only the redirect path carrying
// the attempt's state counts: any other request (another path, a missing or wrong state — a
// local page can load our callback URL too) gets 400 and the listener keeps waiting. The one
// that counts is handed on and its browser tab kept waiting until complete() says how the
// sign-in ended, so "signed in" is shown only once it is true. Oversized or idle connections
// are cut.
class LoopbackListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackListener)
public:
    static constexpr int kMaxRequestBytes = 8192;

    explicit LoopbackListener(QObject *parent = nullptr);
    ~LoopbackListener() override;

    // Listens for `redirectUri` (http://127.0.0.1:<port>/path or http://localhost:<port>/path)
    // carrying `expectedState`.
    bool listen(const QUrl &redirectUri, const QString &expectedState, ProcoreError *error);
    // Answers the waiting browser tab (signed in, or not with `problem` as the reason) and stops.
    void complete(bool signedIn, const QString &problem = {});
    // Stops listening; a waiting tab hears that the sign-in was not completed.
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
    QString m_expectedState;
    QPointer<QTcpSocket> m_waiting; // the accepted redirect's connection
    int m_idleTimeoutMs = 10000;
    bool m_done = false;
};
