#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkProxy;
class QWidget;
class Session;

// Answers a proxy server's request for credentials (HTTP 407) on `network` with a small
// dialog over the window. The manager keeps what was entered for that proxy in its own memory
// for the rest of the run (Qt's credential cache); nothing goes to settings, files or logs.
// Cancelled, the request fails with ProcoreError::Kind::ProxyAuth and the banner offers Retry.
// Qt asks once per connection, so requests running side by side (/me and /companies) would
// bring the dialog straight back after a Cancel: a Cancel answers every request of that load,
// and the proxy is asked about again when `session` starts loading anew (Retry, F5, another
// company).
class ProxyAuthPrompt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyAuthPrompt)
public:
    ProxyAuthPrompt(QNetworkAccessManager *network, Session *session, QObject *parent = nullptr);
    // The dialog's parent; may be set after construction (the session starts before the window).
    void setWindow(QWidget *window) { m_window = window; }

signals:
    // Before the dialog opens (tests and the status line hook in here).
    void prompting(const QString &proxy);

private:
    void ask(const QNetworkProxy &proxy, QAuthenticator *authenticator);

    QPointer<QWidget> m_window;
    QSet<QString> m_answered; // proxies given credentials: asked again means refused
    QSet<QString> m_declined; // proxies whose dialog was cancelled during this load
    bool m_asking = false;
};
