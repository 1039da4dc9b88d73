#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QWebSocket>

// One page of a QtWebEngine process, over Chromium's DevTools protocol (the process runs with
// QTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:<port>). Every call waits, running the event loop.
class DevToolsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevToolsPage)
public:
    explicit DevToolsPage(QObject *parent = nullptr);

    // Polls the endpoint until a page whose URL starts with `urlPrefix` shows up, then
    // connects to it.
    bool attach(int port, const QString &urlPrefix, int timeoutMs);
    QJsonObject call(const QString &method, const QJsonObject &params = {}, int timeoutMs = 10000);
    // The value of a JavaScript expression (a promise is awaited); undefined on an exception
    // or while the page navigates.
    QJsonValue evaluate(const QString &expression, int timeoutMs = 10000);
    // Polls `condition` (a JavaScript expression) until it is true.
    bool waitFor(const QString &condition, int timeoutMs);
    // The page's first contentful paint on CLOCK_MONOTONIC (Chromium's TimeTicks on Linux):
    // NavigationStart from Performance.getMetrics plus the paint entry's startTime; -1 if none.
    double firstContentfulPaint(int timeoutMs);
    // Chromium's "Timestamp" metric minus our monotonic clock at the answer: about zero when
    // both clocks are CLOCK_MONOTONIC.
    double clockSkew();

    // Free TCP port on 127.0.0.1 for QTWEBENGINE_REMOTE_DEBUGGING.
    static int freePort();

private:
    QWebSocket m_socket;
    QHash<int, QJsonObject> m_answers;
    int m_lastId = 0;
};
