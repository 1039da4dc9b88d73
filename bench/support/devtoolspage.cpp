#include "devtoolspage.h"

#include "benchwait.h"

#include "benchclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>

DevToolsPage::DevToolsPage(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.contains(QStringLiteral("id")))
            m_answers.insert(message.value(QStringLiteral("id")).toInt(), message);
    });
}

int DevToolsPage::freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool DevToolsPage::attach(int port, const QString &urlPrefix, int timeoutMs)
{
    QNetworkAccessManager network;
    QString socketUrl;
    const double deadline = monotonicSeconds() + timeoutMs / 1000.0;
    while (socketUrl.isEmpty() && monotonicSeconds() < deadline) {
        QNetworkReply *reply = network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/json/list").arg(port))));
        (void)waitUntil([reply] { return reply->isFinished(); }, 2000);
        const QJsonArray targets = QJsonDocument::fromJson(reply->readAll()).array();
        reply->deleteLater();
        for (const QJsonValue &target : targets) {
            const QJsonObject object = target.toObject();
            if (object.value(QStringLiteral("type")).toString() == QStringLiteral("page") &&
                object.value(QStringLiteral("url")).toString().startsWith(urlPrefix))
                socketUrl = object.value(QStringLiteral("webSocketDebuggerUrl")).toString();
        }
        if (socketUrl.isEmpty())
            QTest::qWait(10);
    }
    if (socketUrl.isEmpty())
        return false;
    m_socket.open(QUrl(socketUrl));
    return waitUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
}

QJsonObject DevToolsPage::call(const QString &method, const QJsonObject &params, int timeoutMs)
{
    const int id = ++m_lastId;
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                                    {QStringLiteral("method"), method},
                                                    {QStringLiteral("params"), params}})
                              .toJson(QJsonDocument::Compact)));
    (void)waitUntil([&] { return m_answers.contains(id); }, timeoutMs);
    return m_answers.take(id).value(QStringLiteral("result")).toObject();
}

QJsonValue DevToolsPage::evaluate(const QString &expression, int timeoutMs)
{
    const QJsonObject result = call(QStringLiteral("Runtime.evaluate"),
                                    {{QStringLiteral("expression"), expression},
                                     {QStringLiteral("returnByValue"), true},
                                     {QStringLiteral("awaitPromise"), true}},
                                    timeoutMs);
    if (result.contains(QStringLiteral("exceptionDetails")))
        return QJsonValue::Undefined;
    return result.value(QStringLiteral("result")).toObject().value(QStringLiteral("value"));
}

bool DevToolsPage::waitFor(const QString &condition, int timeoutMs)
{
    const double deadline = monotonicSeconds() + timeoutMs / 1000.0;
    while (monotonicSeconds() < deadline) {
        if (evaluate(condition, 2000).toBool())
            return true;
        QTest::qWait(20);
    }
    return false;
}

double DevToolsPage::firstContentfulPaint(int timeoutMs)
{
    // Polled rather than awaited: an awaited promise dies with the document it ran in when
    // the page is still navigating away from about:blank.
    const QString script = QStringLiteral(
        "(() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
        " return e && location.protocol.startsWith('http') ? e.startTime : null; })()");
    QJsonValue fcp;
    const double deadline = monotonicSeconds() + timeoutMs / 1000.0;
    while (!fcp.isDouble() && monotonicSeconds() < deadline) {
        fcp = evaluate(script, 2000);
        if (!fcp.isDouble())
            QTest::qWait(10);
    }
    if (!fcp.isDouble())
        return -1;
    call(QStringLiteral("Performance.enable"));
    const QJsonArray metrics =
        call(QStringLiteral("Performance.getMetrics")).value(QStringLiteral("metrics")).toArray();
    for (const QJsonValue &metric : metrics) {
        const QJsonObject object = metric.toObject();
        if (object.value(QStringLiteral("name")).toString() == QStringLiteral("NavigationStart"))
            return object.value(QStringLiteral("value")).toDouble() + fcp.toDouble() / 1000;
    }
    return -1;
}

double DevToolsPage::clockSkew()
{
    const QJsonArray metrics =
        call(QStringLiteral("Performance.getMetrics")).value(QStringLiteral("metrics")).toArray();
    const double now = monotonicSeconds();
    for (const QJsonValue &metric : metrics) {
        const QJsonObject object = metric.toObject();
        if (object.value(QStringLiteral("name")).toString() == QStringLiteral("Timestamp"))
            return object.value(QStringLiteral("value")).toDouble() - now;
    }
    return 1e9;
}
