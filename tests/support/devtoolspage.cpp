#include "devtoolspage.h"

#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

DevToolsPage::DevToolsPage(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.contains(QStringLiteral("id")))
            m_answers.insert(message.value(QStringLiteral("id")).toInt(), message);
    });
}

bool DevToolsPage::attach(int port, const QString &urlPart, int timeoutMs)
{
    QNetworkAccessManager network;
    const QUrl list(QStringLiteral("http://127.0.0.1:%1/json/list").arg(port));
    QString socketUrl;
    const auto findPage = [&] {
        QNetworkReply *reply = network.get(QNetworkRequest(list));
        waitUntil([reply] { return reply->isFinished(); }, 2000);
        const QJsonArray targets = QJsonDocument::fromJson(reply->readAll()).array();
        reply->deleteLater();
        for (const QJsonValue &target : targets) {
            const QJsonObject object = target.toObject();
            if (object.value(QStringLiteral("type")).toString() == u"page" &&
                object.value(QStringLiteral("url")).toString().contains(urlPart))
                socketUrl = object.value(QStringLiteral("webSocketDebuggerUrl")).toString();
        }
        return !socketUrl.isEmpty();
    };
    if (!waitUntil(findPage, timeoutMs))
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
    waitUntil([&] { return m_answers.contains(id); }, timeoutMs);
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
    return waitUntil([&] { return evaluate(condition, 2000).toBool(); }, timeoutMs);
}

bool DevToolsPage::waitForElement(const char *id, int timeoutMs)
{
    return waitFor(
        QStringLiteral("document.readyState === 'complete' && !!document.getElementById('%1')")
            .arg(QLatin1String(id)),
        timeoutMs);
}
