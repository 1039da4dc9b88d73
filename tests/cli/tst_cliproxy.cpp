// procore-desktop's terminal mode behind a real proxy (Debian's tinyproxy on loopback): the
// system proxy settings (http_proxy, no_proxy) are honoured, the emulator's API is reached
// only through the proxy unless no_proxy lists it, and a proxy asking for credentials ends
// with a message that says what to do; credentials in http_proxy work and are never printed.
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "proxyprocess.h"
#include "signedinseed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

class TestCliProxy final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsThroughTheProxy_data();
    void listsThroughTheProxy();
    void proxyWantingCredentials_data();
    void proxyWantingCredentials();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &environment);
    int apiRequests() const;

    EmulatorProcess m_emulator;
};

void TestCliProxy::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain");
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("450")}));
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(m_emulator, &store, 450);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
}

int TestCliProxy::apiRequests() const
{
    return m_emulator.apiRequests();
}

TestCliProxy::Run TestCliProxy::run(const QStringList &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
                             "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"})
        env.remove(QString::fromLatin1(name));
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH),
                  {QStringLiteral("--login-url"), m_emulator.loginUrl().toString(),
                   QStringLiteral("--api-url"), m_emulator.apiUrl().toString(),
                   QStringLiteral("--list-projects"), QStringLiteral("--json")});
    Run result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestCliProxy::listsThroughTheProxy_data()
{
    QTest::addColumn<QString>("noProxy");
    QTest::addColumn<bool>("throughProxy");
    QTest::newRow("http_proxy only") << QString() << true;
    QTest::newRow("no_proxy names another host") << QStringLiteral("example.com") << true;
    QTest::newRow("no_proxy lists 127.0.0.1") << QStringLiteral("127.0.0.1") << false;
    QTest::newRow("no_proxy lists localhost,127.0.0.1")
        << QStringLiteral("localhost,127.0.0.1") << false;
}

void TestCliProxy::listsThroughTheProxy()
{
    QFETCH(QString, noProxy);
    QFETCH(bool, throughProxy);
    ProxyProcess proxy;
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    QVERIFY(m_emulator.resetCounters());
    QStringList environment{QStringLiteral("http_proxy=") + proxy.url().toString()};
    if (!noProxy.isEmpty())
        environment << QStringLiteral("no_proxy=") + noProxy;
    const Run result = run(environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 450);

    const QStringList proxied = proxy.requestsTo(m_emulator.apiUrl());
    const int served = apiRequests();
    QVERIFY(served >= 3); // companies and two pages
    if (throughProxy) {
        // Every request the emulator served came through the proxy, and nothing else did.
        QCOMPARE(proxied.size(), served);
        QCOMPARE(proxy.requests().size(), served);
        QVERIFY(proxied.join(u'\n').contains(QLatin1String("/rest/v1.0/companies")));
        QVERIFY(proxied.join(u'\n').contains(QLatin1String("/rest/v1.1/projects")));
    } else {
        QVERIFY2(proxy.requests().isEmpty(), qPrintable(proxy.requests().join(u'\n')));
    }
}

void TestCliProxy::proxyWantingCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("succeeds");
    // "none given" first: the sign-in must survive it for the next row.
    QTest::newRow("none given") << QString() << QString() << false;
    // No "wrong password" row: tinyproxy 1.11 answers wrong credentials with 401, not 407, which
    // no client can tell from the server's own 401 (squid answers 407 again).
    QTest::newRow("right ones in http_proxy")
        << QStringLiteral("field") << QStringLiteral("trailer-7") << true;
}

void TestCliProxy::proxyWantingCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(bool, succeeds);
    ProxyProcess proxy;
    QVERIFY2(proxy.start(QStringLiteral("field"), QStringLiteral("trailer-7")),
             qPrintable(proxy.errorString()));
    QVERIFY(m_emulator.resetCounters());
    const QUrl url = user.isEmpty() ? proxy.url() : proxy.urlWithCredentials(user, password);
    const Run result = run({QStringLiteral("http_proxy=") + url.toString()});
    if (succeeds) {
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(!result.err.contains(password.toUtf8()));
        QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 450);
        // Qt's first try goes without credentials (407), then again with them.
        QCOMPARE(proxy.requestsTo(m_emulator.apiUrl()).size(), apiRequests() + 1);
        return;
    }
    QCOMPARE(result.exitCode, 2); // a failure, not "not signed in": the sign-in is kept
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("proxy server asks for a user name and password"),
             result.err.constData());
    QVERIFY2(result.err.contains("https_proxy=http://USER:PASSWORD@HOST:PORT"),
             result.err.constData());
    QCOMPARE(apiRequests(), 0); // the proxy let nothing through
}

QTEST_GUILESS_MAIN(TestCliProxy)
#include "tst_cliproxy.moc"
