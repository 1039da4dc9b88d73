#pragma once

#include "waituntil.h"

#include <QDir>
#include <QEventLoop>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>

// Small helpers shared by the sign-in window tests (Qt Core and Network only; the web page
// helpers are in loginviewpagetools.h).
namespace LoginViewTestTools {

inline void pump(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Listens where the redirect URI points and counts connections: a sign-in that really
// catches the redirect before it loads leaves the count at zero.
class RedirectTrap final : public QObject
{
public:
    explicit RedirectTrap(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                socket->close();
                socket->deleteLater();
            }
        });
    }
    QUrl redirectUri() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_server.serverPort()));
    }
    int connections() const { return m_connections; }

private:
    QTcpServer m_server;
    int m_connections = 0;
};

// Stands in for QDesktopServices' system browser: records every URL handed to it.
class SystemBrowser final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

inline QUrl authorizeUrl(const QUrl &login, const QString &clientId, const QUrl &redirectUri,
                         const QString &state)
{
    const auto enc = [](const QString &value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    QUrl url = login;
    url.setPath(QStringLiteral("/oauth/authorize"));
    url.setQuery(QStringLiteral("response_type=code&client_id=%1&redirect_uri=%2&state=%3")
                     .arg(enc(clientId), enc(redirectUri.toString()), enc(state)),
                 QUrl::StrictMode);
    return url;
}

inline QString fillLoginFormScript(const QString &email, const QString &password)
{
    return QStringLiteral("document.getElementById('email').value = '%1';"
                          "document.getElementById('password').value = '%2';"
                          "document.getElementById('login-button').click(); true;")
        .arg(email, password);
}

inline QString screenshotPath(const QString &name)
{
    const QString dir = QStringLiteral(PROCORE_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return QDir(dir).filePath(name + QStringLiteral(".png"));
}

} // namespace LoginViewTestTools

// QTRY_COMPARE / QTRY_VERIFY on a real event loop (see waituntil.h), 15 s at most.
#define LOGIN_TRY_COMPARE(actual, expected)                                                        \
    do {                                                                                           \
        waitUntil([&] { return (actual) == (expected); });                                         \
        QCOMPARE(actual, expected);                                                                \
    } while (false)
#define LOGIN_TRY_VERIFY(condition)                                                                \
    do {                                                                                           \
        waitUntil([&] { return bool(condition); });                                                \
        QVERIFY(condition);                                                                        \
    } while (false)
