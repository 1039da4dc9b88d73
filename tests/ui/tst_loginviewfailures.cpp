// What the sign-in window shows when the page cannot be used: server stopped, renderer
// crashed, a certificate that does not check out, and sign-in that wants another website.
#include "emulatorprocess.h"
#include "login/loginfailure.h"
#include "login/loginview.h"
#include "loginviewpagetools.h"

#include <QDesktopServices>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>
#include <QWebEngineLoadingInfo>

#include <csignal>

using namespace LoginViewTestTools;
Q_DECLARE_METATYPE(LoginFailure::Kind)

namespace {

// A test-only self-signed certificate for 127.0.0.1 (valid until 2126).
const char selfSignedKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcbvcyrQo/g6qGSE9
aHonUU2Gn4zPi4gdGjOFynCpqpyhRANCAAQek2qjcWCMLOYtWaDuVwXvh0ILk9rq
ZPsmYlHC1RkVdPVTY48ne2C9tG811NGl0Lp/2z0+tiqcbqm1QTNSpZJ/
-----END PRIVATE KEY-----
)";
const char selfSignedCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUBa44mj+wzpHGS5W9aIJMtp3vLwYwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODExMTkyOFoYDzIxMjYxMTA0
MTExOTI4WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQek2qjcWCMLOYtWaDuVwXvh0ILk9rqZPsmYlHC1RkVdPVTY48ne2C9
tG811NGl0Lp/2z0+tiqcbqm1QTNSpZJ/o1MwUTAdBgNVHQ4EFgQUJQRlwxzz4gU+
9UYuXdBFrBGJzukwHwYDVR0jBBgwFoAUJQRlwxzz4gU+9UYuXdBFrBGJzukwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBQVBWU7bujQ/3s7I/nQi7N
e7Xou4gBH6BrrMCIszNMeQIhAP8+a0+NWqWbHpoUUWwkg/vG3Qos/E2wVQBVfJsl
5fEg
-----END CERTIFICATE-----
)";

// Answers every request with one canned response, over http or https; counts requests.
class CannedServer final : public QObject
{
public:
    CannedServer(const QByteArray &response, bool tls)
        : m_response(response)
    {
        if (tls) {
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setLocalCertificate(QSslCertificate(QByteArray(selfSignedCertificate)));
            config.setPrivateKey(QSslKey(QByteArray(selfSignedKey), QSsl::Ec));
            m_ssl.setSslConfiguration(config);
            m_server = &m_ssl;
        } else {
            m_server = &m_plain;
        }
        m_server->listen(QHostAddress::LocalHost, 0);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                serve(socket);
        });
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_server == &m_ssl ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(m_server->serverPort())
                        .arg(path));
    }
    int requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            ++m_requests;
            socket->write(m_response);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QByteArray m_response;
    QTcpServer m_plain;
    QSslServer m_ssl;
    QTcpServer *m_server = nullptr;
    int m_requests = 0;
};

QPushButton *primaryButton(LoginView *view)
{
    return view->findChild<QPushButton *>(QStringLiteral("loginRetryButton"));
}

} // namespace

class TestLoginViewFailures final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void failureMessages_data();
    void failureMessages();
    void serverStoppedShowsRetry();
    void rendererCrashShowsRetry();
    void certificateErrorIsRejected();
    void foreignSignInOffersBrowser();

private:
    LoginView *newView();

    EmulatorProcess m_emulator;
    RedirectTrap m_trap;
    SystemBrowser m_browser;
    LoginView *m_view = nullptr;
};

void TestLoginViewFailures::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--redirect-uri"), m_trap.redirectUri().toString()}),
             qPrintable(m_emulator.errorString()));
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
}

void TestLoginViewFailures::cleanup()
{
    delete m_view;
    m_view = nullptr;
    QCOMPARE(m_trap.connections(), 0);
    QCOMPARE(m_browser.opened.size(), 0); // no failure hands the user to the browser unasked
}

LoginView *TestLoginViewFailures::newView()
{
    delete m_view;
    m_view = new LoginView(QString{});
    m_view->setRedirectUri(m_trap.redirectUri());
    m_view->resize(m_view->sizeHint());
    m_view->show();
    return m_view;
}

void TestLoginViewFailures::failureMessages_data()
{
    QTest::addColumn<int>("domain");
    QTest::addColumn<int>("code");
    QTest::addColumn<LoginFailure::Kind>("kind");
    const int conn = QWebEngineLoadingInfo::ConnectionErrorDomain;
    const int internal = QWebEngineLoadingInfo::InternalErrorDomain;
    const int http = QWebEngineLoadingInfo::HttpStatusCodeDomain;
    QTest::newRow("aborted by us") << internal << -3 << LoginFailure::Kind::None;
    QTest::newRow("blocked by client") << internal << -20 << LoginFailure::Kind::None;
    QTest::newRow("refused") << conn << -102 << LoginFailure::Kind::ServerDown;
    QTest::newRow("reset") << conn << -101 << LoginFailure::Kind::ServerDown;
    QTest::newRow("timed out") << conn << -118 << LoginFailure::Kind::ServerDown;
    QTest::newRow("empty response") << conn << -324 << LoginFailure::Kind::ServerDown;
    QTest::newRow("offline") << conn << -106 << LoginFailure::Kind::Offline;
    QTest::newRow("dns") << int(QWebEngineLoadingInfo::DnsErrorDomain) << -105
                         << LoginFailure::Kind::Offline;
    QTest::newRow("network changed") << conn << -21 << LoginFailure::Kind::Offline;
    QTest::newRow("certificate") << int(QWebEngineLoadingInfo::CertificateErrorDomain) << -202
                                 << LoginFailure::Kind::Certificate;
    QTest::newRow("certificate by code") << conn << -201 << LoginFailure::Kind::Certificate;
    QTest::newRow("503 without page") << http << 503 << LoginFailure::Kind::ServerDown;
    QTest::newRow("401 page") << http << 401 << LoginFailure::Kind::None;
    QTest::newRow("something else") << internal << -2 << LoginFailure::Kind::LoadFailed;
}

void TestLoginViewFailures::failureMessages()
{
    QFETCH(int, domain);
    QFETCH(int, code);
    QFETCH(LoginFailure::Kind, kind);
    const LoginFailure failure = LoginFailure::fromLoad(
        QUrl(QStringLiteral("https://login.procore.com/x")), domain, code, QStringLiteral("E"));
    QCOMPARE(failure.kind, kind);
    if (kind != LoginFailure::Kind::None) {
        QVERIFY(!failure.title.isEmpty());
        QVERIFY(failure.message.size() > 40); // says what to do, not just a code
        QVERIFY(!failure.message.contains(QString::number(code)));
    }
}

void TestLoginViewFailures::serverStoppedShowsRetry()
{
    EmulatorProcess emulator;
    const QStringList args{QStringLiteral("--redirect-uri"), m_trap.redirectUri().toString()};
    QVERIFY2(emulator.start(args), qPrintable(emulator.errorString()));
    const QUrl login = emulator.loginUrl();
    emulator.stop();

    LoginView *view = newView();
    QSignalSpy failed(view, &LoginView::failureShown);
    QVERIFY(view->start(authorizeUrl(login, EmulatorProcess::clientId(), m_trap.redirectUri(),
                                     QStringLiteral("s1"))));
    LOGIN_TRY_COMPARE(failed.size(), 1);
    QCOMPARE(view->state(), LoginView::State::Error);
    QCOMPARE(view->errorTitle(), QStringLiteral("Procore is not answering"));
    QPushButton *retry = primaryButton(view);
    QVERIFY(retry && retry->isVisible());
    QCOMPARE(retry->text(), QStringLiteral("&Retry"));
    // One Cancel on screen (the panel's), and the browser way out stays offered.
    QVERIFY(!view->findChild<QPushButton *>(QStringLiteral("loginCancelButton"))->isVisible());
    QVERIFY(
        view->findChild<QPushButton *>(QStringLiteral("loginSystemBrowserButton"))->isVisible());
    QVERIFY(saveScreenshot(view, QStringLiteral("error-page")));

    // The same server comes back on the same port; Retry starts the sign-in over.
    QVERIFY2(
        emulator.start(args + QStringList{QStringLiteral("--port"), QString::number(login.port())}),
        qPrintable(emulator.errorString()));
    QCOMPARE(emulator.loginUrl(), login);
    retry->click();
    QVERIFY(waitForElement(view->page(), "login-form"));
    LOGIN_TRY_COMPARE(view->state(), LoginView::State::Ready);
    QVERIFY(view->errorTitle().isEmpty());
    QVERIFY(view->findChild<QPushButton *>(QStringLiteral("loginCancelButton"))->isVisible());
}

void TestLoginViewFailures::rendererCrashShowsRetry()
{
    LoginView *view = newView();
    QSignalSpy failed(view, &LoginView::failureShown);
    QVERIFY(view->start(authorizeUrl(m_emulator.loginUrl(), EmulatorProcess::clientId(),
                                     m_trap.redirectUri(), QStringLiteral("s"))));
    QVERIFY(waitForElement(view->page(), "login-form"));
    const qint64 pid = view->page()->renderProcessPid();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    LOGIN_TRY_COMPARE(failed.size(), 1);
    QCOMPARE(view->errorTitle(), QStringLiteral("The sign-in page stopped unexpectedly"));
    primaryButton(view)->click();
    QVERIFY(waitForElement(view->page(), "login-form"));
    LOGIN_TRY_COMPARE(view->state(), LoginView::State::Ready);
}

void TestLoginViewFailures::certificateErrorIsRejected()
{
    CannedServer server("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 26\r\n"
                        "Connection: close\r\n\r\n<form id=login-form></form>",
                        true);
    LoginView *view = newView();
    QSignalSpy failed(view, &LoginView::failureShown);
    QVERIFY(view->start(server.url(QStringLiteral("/oauth/authorize?state=s"))));
    LOGIN_TRY_COMPARE(failed.size(), 1);
    QCOMPARE(view->errorTitle(), QStringLiteral("The connection is not secure"));
    QCOMPARE(server.requests(), 0); // rejected during the handshake: nothing was sent
    QVERIFY(!hasElement(view->page(), "login-form"));
}

void TestLoginViewFailures::foreignSignInOffersBrowser()
{
    // A login host that sends the browser on to a company's identity provider.
    CannedServer server("HTTP/1.1 302 Found\r\nLocation: https://sso.example-corp.com/saml?x=1\r\n"
                        "Content-Length: 0\r\nConnection: close\r\n\r\n",
                        false);
    LoginView *view = newView();
    QSignalSpy failed(view, &LoginView::failureShown);
    QSignalSpy browser(view, &LoginView::systemBrowserRequested);
    QVERIFY(view->start(server.url(QStringLiteral("/oauth/authorize?state=s"))));
    LOGIN_TRY_COMPARE(failed.size(), 1);
    QCOMPARE(view->errorTitle(), QStringLiteral("Your company signs in on its own website"));
    QCOMPARE(server.requests(), 1);
    QVERIFY(saveScreenshot(view, QStringLiteral("foreign-sign-in")));
    QPushButton *button = primaryButton(view);
    QVERIFY(button->text().contains(QStringLiteral("browser")));
    QVERIFY(
        !view->findChild<QPushButton *>(QStringLiteral("loginSystemBrowserButton"))->isVisible());
    button->click();
    QCOMPARE(browser.size(), 1);
    QCOMPARE(view->state(), LoginView::State::Finished);
}

QTEST_MAIN(TestLoginViewFailures)
#include "tst_loginviewfailures.moc"
