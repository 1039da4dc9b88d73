#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QWebSocket>

// One page of a QtWebEngine process (the procore-desktop-login helper), driven the way a
// person would, over Chromium's DevTools protocol: start the process with
// QTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:<port> (TestPorts::freePort()), attach(), then
// evaluate() scripts. Every call waits, running the event loop (waitUntil).
class DevToolsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevToolsPage)
public:
    explicit DevToolsPage(QObject *parent = nullptr);

    // Polls the endpoint until a page whose URL contains `urlPart` shows up, then connects.
    bool attach(int port, const QString &urlPart, int timeoutMs = 15000);
    QJsonObject call(const QString &method, const QJsonObject &params = {}, int timeoutMs = 10000);
    // The value of a JavaScript expression (a promise is awaited); undefined on an exception
    // or while the page navigates.
    QJsonValue evaluate(const QString &expression, int timeoutMs = 10000);
    // Polls `condition` (a JavaScript expression) until it is true.
    bool waitFor(const QString &condition, int timeoutMs = 15000);
    // Until the document has loaded and has an element with this id.
    bool waitForElement(const char *id, int timeoutMs = 15000);

private:
    QWebSocket m_socket;
    QHash<int, QJsonObject> m_answers;
    int m_lastId = 0;
};
