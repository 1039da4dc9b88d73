#include "config/clientconfig.h"
#include "config/environment.h"

#include <QTest>

class TestEnvironment final : public QObject
{
    Q_OBJECT

private slots:
    void named_data();
    void named();
    void unknownName();
    void custom_data();
    void custom();
    void keysDifferPerOrigin();
    void endpointsKeepBasePath();
    void redirectUri_data();
    void redirectUri();
    void loopbackRedirect();
    void loopbackHost_data();
    void loopbackHost();
};

void TestEnvironment::named_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("web");
    QTest::addColumn<bool>("production");

    QTest::newRow("production") << "production"
                                << "production"
                                << "https://login.procore.com"
                                << "https://api.procore.com"
                                << "https://app.procore.com" << true;
    QTest::newRow("sandbox, mixed case") << " SandBox "
                                         << "sandbox"
                                         << "https://login-sandbox.procore.com"
                                         << "https://sandbox.procore.com"
                                         << "https://sandbox.procore.com" << false;
    QTest::newRow("monthly") << "monthly"
                             << "monthly"
                             << "https://login-sandbox-monthly.procore.com"
                             << "https://api-monthly.procore.com"
                             << "https://api-sandbox-monthly.procore.com" << false;
    QTest::newRow("federal") << "Federal"
                             << "federal"
                             << "https://login.procoregov.com"
                             << "https://api.procoregov.com"
                             << "https://app.procoregov.com" << false;
}

void TestEnvironment::named()
{
    QFETCH(QString, name);
    ProcoreError error;
    const Environment env = Environment::fromName(name, &error);
    QVERIFY2(!error, qPrintable(error.message));
    QVERIFY(env.isValid());
    QTEST(env.key(), "key");
    QTEST(env.loginUrl().toString(), "login");
    QTEST(env.apiUrl().toString(), "api");
    QTEST(env.webUrl().toString(), "web");
    QTEST(env.isProduction(), "production");
    QFETCH(QString, login);
    QCOMPARE(env.tokenUrl().toString(), login + QStringLiteral("/oauth/token"));
    QCOMPARE(env.tokenInfoUrl().toString(), login + QStringLiteral("/oauth/token/info"));
    QCOMPARE(env.allowedLoginHosts(), QStringList{QUrl(login).host()});
    QVERIFY(!env.displayName().isEmpty());
}

void TestEnvironment::unknownName()
{
    ProcoreError error;
    const Environment env = Environment::fromName(QStringLiteral("staging"), &error);
    QVERIFY(!env.isValid());
    QCOMPARE(error.kind, ProcoreError::Kind::Config);
    QVERIFY(error.message.contains(QStringLiteral("staging")));
}

void TestEnvironment::custom_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("api");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("key");

    QTest::newRow("loopback http")
        << "http://127.0.0.1:4000"
        << "http://127.0.0.1:4001" << true << "custom:127.0.0.1:4000+127.0.0.1:4001";
    QTest::newRow("127/8 http") << "http://127.8.9.10:4000/"
                                << "http://127.8.9.10:4001/" << true
                                << "custom:127.8.9.10:4000+127.8.9.10:4001";
    QTest::newRow("localhost http")
        << "http://LOCALHOST:81"
        << "http://localhost:82" << true << "custom:localhost:81+localhost:82";
    QTest::newRow("ipv6 loopback") << "http://[::1]:4000"
                                   << "http://[::1]:4001" << true << "custom:[::1]:4000+[::1]:4001";
    QTest::newRow("https default port")
        << "https://login.example.com/sso"
        << "https://api.example.com" << true << "custom:login.example.com:443+api.example.com:443";
    // Same login host, another API: another environment.
    QTest::newRow("same login, other api") << "https://login.example.com/sso"
                                           << "https://api2.example.com:8443" << true
                                           << "custom:login.example.com:443+api2.example.com:8443";
    QTest::newRow("http remote") << "http://login.example.com"
                                 << "https://api.example.com" << false << "";
    QTest::newRow("http api remote") << "https://login.example.com"
                                     << "http://10.0.0.1" << false << "";
    QTest::newRow("http 128.0.0.1") << "http://128.0.0.1"
                                    << "https://api.example.com" << false << "";
    QTest::newRow("localhost lookalike") << "http://localhost.evil.com"
                                         << "https://api.example.com" << false << "";
    QTest::newRow("ftp") << "ftp://login.example.com"
                         << "https://api.example.com" << false << "";
    QTest::newRow("relative") << "login.example.com"
                              << "https://api.example.com" << false << "";
    QTest::newRow("user info") << "https://me:pw@login.example.com"
                               << "https://api.example.com" << false << "";
    QTest::newRow("query") << "https://login.example.com?x=1"
                           << "https://api.example.com" << false << "";
    QTest::newRow("fragment") << "https://login.example.com"
                              << "https://api.example.com#x" << false << "";
    QTest::newRow("empty") << ""
                           << "https://api.example.com" << false << "";
    QTest::newRow("garbage") << "https://exa mple.com"
                             << "https://api.example.com" << false << "";
}

void TestEnvironment::custom()
{
    QFETCH(QString, login);
    QFETCH(QString, api);
    QFETCH(bool, ok);
    ProcoreError error;
    const Environment env = Environment::custom(login, api, &error);
    QCOMPARE(env.isValid(), ok);
    QCOMPARE(!error, ok);
    if (!ok) {
        QCOMPARE(error.kind, ProcoreError::Kind::Config);
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(!error.message.contains(QStringLiteral("pw@")), qPrintable(error.message));
        return;
    }
    QTEST(env.key(), "key");
    QVERIFY(env.isCustom());
    QVERIFY(!env.isProduction());
    QVERIFY(!env.loginUrl().path().endsWith(QLatin1Char('/')));
    QCOMPARE(env.webUrl(), env.apiUrl());
}

void TestEnvironment::keysDifferPerOrigin()
{
    const auto a = Environment::custom(QStringLiteral("http://127.0.0.1:4000"),
                                       QStringLiteral("http://127.0.0.1:4001"));
    const auto b = Environment::custom(QStringLiteral("http://127.0.0.1:5000"),
                                       QStringLiteral("http://127.0.0.1:4001"));
    QVERIFY(a.key() != b.key());
    QVERIFY(a != b);
    QVERIFY(a.key() != Environment::production().key());
    // The same login host in front of another API is another environment too.
    const auto c = Environment::custom(QStringLiteral("http://127.0.0.1:4000"),
                                       QStringLiteral("http://127.0.0.1:6001"));
    QVERIFY(a.key() != c.key());
    QVERIFY(a != c);
}

void TestEnvironment::endpointsKeepBasePath()
{
    const auto env = Environment::custom(QStringLiteral("https://proxy.example.com/procore/"),
                                         QStringLiteral("https://proxy.example.com/api"));
    QCOMPARE(env.authorizeUrl().toString(),
             QStringLiteral("https://proxy.example.com/procore/oauth/authorize"));
    QCOMPARE(env.revokeUrl().toString(),
             QStringLiteral("https://proxy.example.com/procore/oauth/revoke"));
}

void TestEnvironment::redirectUri_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<bool>("ok");
    QTest::newRow("oob") << "urn:ietf:wg:oauth:2.0:oob" << true;
    QTest::newRow("loopback port") << "http://127.0.0.1:8765/callback" << true;
    QTest::newRow("localhost") << "http://localhost" << true;
    QTest::newRow("https") << "https://example.com/cb" << true;
    QTest::newRow("custom scheme") << "procore-desktop://callback" << true;
    QTest::newRow("oob lookalike") << "urn:ietf:wg:oauth:2.0:oob:auto" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("relative") << "/callback" << false;
    QTest::newRow("http remote") << "http://example.com/cb" << false;
    QTest::newRow("fragment") << "http://127.0.0.1:8765/cb#x" << false;
    QTest::newRow("user info") << "http://u:p@127.0.0.1/cb" << false;
}

void TestEnvironment::redirectUri()
{
    QFETCH(QString, uri);
    QFETCH(bool, ok);
    const ProcoreError error = ClientConfig::validateRedirectUri(uri);
    QCOMPARE(!error, ok);
    if (!ok)
        QCOMPARE(error.kind, ProcoreError::Kind::Config);
}

void TestEnvironment::loopbackRedirect()
{
    ClientConfig config;
    config.redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
    QCOMPARE(config.loopbackRedirect().port(), 8765);
    config.redirectUri = ClientConfig::outOfBandRedirectUri();
    QVERIFY(config.isOutOfBand());
    QVERIFY(!config.loopbackRedirect().isValid());
    config.redirectUri = QStringLiteral("https://example.com/cb");
    QVERIFY(!config.loopbackRedirect().isValid());
}

// The one loopback rule: plain http is allowed only to these hosts, for the configured
// endpoints, the redirect URI and the sign-in window alike.
void TestEnvironment::loopbackHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    for (const char *yes : {"localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
        QTest::newRow(yes) << QString::fromLatin1(yes) << true;
    for (const char *no : {"", "localhost.example.com", "128.0.0.1", "10.0.0.1", "::2", "[::2]",
                           "[::1", "login.procore.com", "0.0.0.0"})
        QTest::newRow(no[0] ? no : "empty") << QString::fromLatin1(no) << false;
}

void TestEnvironment::loopbackHost()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(Environment::isLoopbackHost(host), loopback);
}

QTEST_GUILESS_MAIN(TestEnvironment)
#include "tst_environment.moc"
