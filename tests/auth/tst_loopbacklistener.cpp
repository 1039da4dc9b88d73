#include "auth/loopbacklistener.h"
#include "support/testports.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

// Sends raw bytes, returns everything the listener answered before closing (or timing out).
// The listener lives in this thread, so wait with the event loop running, never blocking.
QByteArray exchange(quint16 port, const QByteArray &request, int timeoutMs = 3000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::ConnectedState &&
           socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < 2000)
        QTest::qWait(10);
    if (socket.state() != QAbstractSocket::ConnectedState)
        return "NOCONNECT";
    socket.write(request);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        QTest::qWait(10);
        answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

// A browser tab that sent the callback and waits for the page.
struct WaitingTab
{
    QTcpSocket socket;
    QByteArray answer;

    bool open(quint16 port, const QByteArray &request)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(2000))
            return false;
        socket.write(request);
        return socket.waitForBytesWritten(2000);
    }
    // Everything the listener answered, once it closed (the event loop runs meanwhile).
    QByteArray read(int timeoutMs = 3000)
    {
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            QTest::qWait(10);
            answer += socket.readAll();
        }
        return answer += socket.readAll();
    }
};

} // namespace

class TestLoopbackListener final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void answersOnlyTheCallbackOnce();
    void failedSignInTellsTheTab();
    void refusesOtherRequests_data();
    void refusesOtherRequests();
    void idleConnectionIsCut();
    void loopbackOnly();

private:
    LoopbackListener *m_listener = nullptr;
    quint16 m_port = 0;
};

void TestLoopbackListener::init()
{
    m_port = TestPorts::freePort();
    m_listener = new LoopbackListener;
    m_listener->setIdleTimeout(300);
    ProcoreError error;
    QVERIFY2(m_listener->listen(QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_port)),
                                QStringLiteral("xyz"), &error),
             qPrintable(error.detail));
    QCOMPARE(m_listener->port(), m_port);
}

void TestLoopbackListener::cleanup()
{
    delete m_listener;
    m_listener = nullptr;
}

void TestLoopbackListener::answersOnlyTheCallbackOnce()
{
    QSignalSpy received(m_listener, &LoopbackListener::redirectReceived);
    WaitingTab tab;
    QVERIFY(
        tab.open(m_port, "GET /callback?code=abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    QTRY_COMPARE(received.count(), 1);
    // The tab hears nothing until the sign-in has ended, so it never says "signed in" early.
    QVERIFY(tab.read(300).isEmpty());
    QCOMPARE(tab.socket.state(), QAbstractSocket::ConnectedState);
    // A second answer, even with the right state, is not taken.
    QVERIFY(exchange(m_port, "GET /callback?code=b&state=xyz HTTP/1.1\r\n\r\n")
                .startsWith("HTTP/1.1 400"));
    m_listener->complete(true);
    const QByteArray page = tab.read();
    QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
    QVERIFY(page.contains("You are signed in"));
    QVERIFY(page.contains("close this tab"));
    QVERIFY(page.contains("Cache-Control: no-store"));
    QVERIFY(!page.contains("abc")); // the code is not echoed into the page
    QCOMPARE(received.count(), 1);
    const QUrl url = received.first().first().toUrl();
    QCOMPARE(url.toString(),
             QStringLiteral("http://127.0.0.1:%1/callback?code=abc&state=xyz").arg(m_port));
    QVERIFY(!m_listener->isListening());
    QCOMPARE(exchange(m_port, "GET /callback?code=again HTTP/1.1\r\n\r\n"),
             QByteArray("NOCONNECT"));
    QCOMPARE(received.count(), 1);
}

void TestLoopbackListener::failedSignInTellsTheTab()
{
    QSignalSpy received(m_listener, &LoopbackListener::redirectReceived);
    WaitingTab tab;
    QVERIFY(tab.open(m_port, "GET /callback?error=access_denied&state=xyz HTTP/1.1\r\n\r\n"));
    QTRY_COMPARE(received.count(), 1);
    m_listener->complete(false, QStringLiteral("You declined <access>."));
    const QByteArray page = tab.read();
    QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.constData());
    QVERIFY(page.contains("not completed"));
    QVERIFY(page.contains("You declined &lt;access&gt;."));
    QVERIFY(!page.contains("signed in"));
    QVERIFY(!m_listener->isListening());
}

void TestLoopbackListener::refusesOtherRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("favicon") << QByteArray("GET /favicon.ico HTTP/1.1\r\n\r\n")
                             << QByteArray("400");
    QTest::newRow("other path") << QByteArray("GET /callbackx?code=a&state=xyz HTTP/1.1\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("root") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("400");
    QTest::newRow("no state") << QByteArray("GET /callback?code=a HTTP/1.1\r\n\r\n")
                              << QByteArray("400");
    QTest::newRow("wrong state") << QByteArray("GET /callback?code=a&state=xy HTTP/1.1\r\n\r\n")
                                 << QByteArray("400");
    QTest::newRow("empty state") << QByteArray("GET /callback?code=a&state= HTTP/1.1\r\n\r\n")
                                 << QByteArray("400");
    QTest::newRow("error, wrong state")
        << QByteArray("GET /callback?error=access_denied&state=abc HTTP/1.1\r\n\r\n")
        << QByteArray("400");
    QTest::newRow("post") << QByteArray("POST /callback HTTP/1.1\r\nContent-Length: 1\r\n\r\nx")
                          << QByteArray("405");
    QTest::newRow("absolute target")
        << QByteArray("GET http://evil/callback?code=a HTTP/1.1\r\n\r\n") << QByteArray("400");
    QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << QByteArray("400");
    QTest::newRow("too large") << QByteArray("GET /callback?code=" + QByteArray(9000, 'a'))
                               << QByteArray("431");
}

void TestLoopbackListener::refusesOtherRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    QSignalSpy received(m_listener, &LoopbackListener::redirectReceived);
    const QByteArray answer = exchange(m_port, request);
    QVERIFY2(answer.startsWith("HTTP/1.1 " + status), answer.left(60).constData());
    QCOMPARE(received.count(), 0);
    QVERIFY(m_listener->isListening()); // still waiting for the real callback
}

void TestLoopbackListener::idleConnectionIsCut()
{
    QSignalSpy received(m_listener, &LoopbackListener::redirectReceived);
    QElapsedTimer timer;
    timer.start();
    const QByteArray answer = exchange(m_port, "GET /callback?code=a HTTP/1.1\r\n", 5000);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(answer.isEmpty());
    QCOMPARE(received.count(), 0);
    QVERIFY(m_listener->isListening());
}

void TestLoopbackListener::loopbackOnly()
{
    // Bound to 127.0.0.1 only: not even the IPv6 loopback reaches it.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHostIPv6, m_port);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 2000);
    QVERIFY(socket.error() == QAbstractSocket::ConnectionRefusedError ||
            socket.error() == QAbstractSocket::NetworkError);
}

QTEST_GUILESS_MAIN(TestLoopbackListener)
#include "tst_loopbacklistener.moc"
