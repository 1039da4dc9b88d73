#pragma once

#include "loginviewtesttools.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QVariant>
#include <QWebSocket>

// Drives a page in another process (the procore-desktop-login helper) the way a person
// would, over Chromium's DevTools protocol: start the helper with
// QTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:<port>, attach(), then evaluate() scripts.
namespace LoginViewTestTools {

// Talks to the helper's page over the DevTools protocol (QTWEBENGINE_REMOTE_DEBUGGING).
class DevToolsPage final : public QObject
{
public:
    bool attach(int port, const QString &urlPart, int timeoutMs = 15000)
    {
        QNetworkAccessManager network;
        QString socketUrl;
        waitUntil(
            [&] {
                QNetworkReply *reply = network.get(QNetworkRequest(
                    QUrl(QStringLiteral("http://127.0.0.1:%1/json/list").arg(port))));
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
            },
            timeoutMs);
        if (socketUrl.isEmpty())
            return false;
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (message.contains(QStringLiteral("id")))
                m_answers.insert(message.value(QStringLiteral("id")).toInt(), message);
        });
        m_socket.open(QUrl(socketUrl));
        return waitUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState; });
    }

    QJsonObject call(const QString &method, const QJsonObject &params, int timeoutMs = 3000)
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

    QVariant evaluate(const QString &expression)
    {
        return call(QStringLiteral("Runtime.evaluate"), {{QStringLiteral("expression"), expression},
                                                         {QStringLiteral("returnByValue"), true}})
            .value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("value"))
            .toVariant();
    }

    bool waitForElement(const char *id, int timeoutMs = 15000)
    {
        const QString script =
            QStringLiteral("document.readyState === 'complete' && !!document.getElementById('%1')")
                .arg(QLatin1String(id));
        return waitUntil([&] { return evaluate(script).toBool(); }, timeoutMs);
    }

private:
    QWebSocket m_socket;
    QHash<int, QJsonObject> m_answers;
    int m_lastId = 0;
};

} // namespace LoginViewTestTools
