#pragma once

#include <QDir>
#include <QEventLoop>
#include <QObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QWebEngineLoadingInfo>
#include <QWebEnginePage>
#include <QWidget>

#include <functional>
#include <memory>

// Small helpers shared by the sign-in window tests.
namespace LoginViewTestTools {

// QTest::qWaitFor, QTRY_* and qWait sleep between rounds of events, which starves
// WebEngine's message pump (a page then takes seconds instead of a fraction of one). These
// run a real event loop instead.
inline bool waitUntil(const std::function<bool()> &predicate, int timeoutMs = 15000)
{
    if (predicate())
        return true;
    QEventLoop loop;
    QTimer poll;
    QTimer deadline;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (predicate())
            loop.quit();
    });
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start(5);
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    loop.exec();
    return predicate();
}

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

// Runs a script and waits for its result (an invalid QVariant after the timeout).
inline QVariant runJs(QWebEnginePage *page, const QString &script, int timeoutMs = 5000)
{
    struct Result
    {
        QVariant value;
        bool done = false;
    };
    auto result = std::make_shared<Result>();
    page->runJavaScript(script, [result](const QVariant &value) {
        result->value = value;
        result->done = true;
    });
    if (!waitUntil([&] { return result->done; }, timeoutMs))
        return {};
    return result->value;
}

inline bool hasElement(QWebEnginePage *page, const char *id)
{
    return runJs(page, QStringLiteral("!!document.getElementById('%1')").arg(QLatin1String(id)))
        .toBool();
}

// Polls briefly: a script sent while a navigation is under way may never answer.
inline bool waitForElement(QWebEnginePage *page, const char *id, int timeoutMs = 15000)
{
    return waitUntil(
        [&] {
            return runJs(page,
                         QStringLiteral("!!document.getElementById('%1')").arg(QLatin1String(id)),
                         250)
                .toBool();
        },
        timeoutMs);
}

// Runs a script that navigates (a click, a submit) and waits until that load ended (a 401
// page with the server's message ends as "failed", and without loadFinished).
inline bool runJsAndWaitForLoad(QWebEnginePage *page, const QString &script, int timeoutMs = 15000)
{
    bool ended = false;
    const QMetaObject::Connection connection = QObject::connect(
        page, &QWebEnginePage::loadingChanged, [&ended](const QWebEngineLoadingInfo &info) {
            if (info.status() != QWebEngineLoadingInfo::LoadStartedStatus)
                ended = true;
        });
    page->runJavaScript(script);
    const bool ok = waitUntil([&] { return ended; }, timeoutMs);
    QObject::disconnect(connection);
    return ok;
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

// Gives the compositor a moment so the grab shows the page, not a blank frame.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    pump(400);
    return widget->grab().save(screenshotPath(name));
}

} // namespace LoginViewTestTools

// QTRY_COMPARE / QTRY_VERIFY on a real event loop (see waitUntil), 15 s at most.
#define LOGIN_TRY_COMPARE(actual, expected)                                                        \
    do {                                                                                           \
        LoginViewTestTools::waitUntil([&] { return (actual) == (expected); });                     \
        QCOMPARE(actual, expected);                                                                \
    } while (false)
#define LOGIN_TRY_VERIFY(condition)                                                                \
    do {                                                                                           \
        LoginViewTestTools::waitUntil([&] { return bool(condition); });                            \
        QVERIFY(condition);                                                                        \
    } while (false)
