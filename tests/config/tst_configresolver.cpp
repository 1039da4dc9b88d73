#include "common/appinfo.h"
#include "config/configresolver.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using Vars = QMap<QString, QString>;
Q_DECLARE_METATYPE(ConfigResolver::Overrides)

namespace {
ConfigResolver::Overrides cli(const QString &env = {}, const QString &login = {},
                              const QString &api = {})
{
    ConfigResolver::Overrides c;
    c.environment = env;
    c.loginUrl = login;
    c.apiUrl = api;
    return c;
}
} // namespace

class TestConfigResolver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void environment_data();
    void environment();
    void client_data();
    void client();
    void commandLineClientWins();
    void errorStopsResolution();

private:
    QTemporaryDir m_dir;
};

void TestConfigResolver::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestConfigResolver::environment_data()
{
    QTest::addColumn<ConfigResolver::Overrides>("commandLine");
    QTest::addColumn<Vars>("settings");
    QTest::addColumn<QString>("key"); // empty: a Config error is expected

    const QString l = QStringLiteral("http://127.0.0.1:4000");
    const QString a = QStringLiteral("http://127.0.0.1:4001");
    const Vars none;
    const Vars sandboxSetting{{"environment/name", "sandbox"}};
    const Vars customSetting{{"environment/loginUrl", "http://127.0.0.1:7000"},
                             {"environment/apiUrl", "http://127.0.0.1:7001"}};

    QTest::newRow("build default") << cli() << none << AppInfo::defaultEnvironment();
    QTest::newRow("cli name") << cli("monthly") << none << "monthly";
    QTest::newRow("cli federal") << cli("federal") << none << "federal";
    QTest::newRow("cli name beats settings") << cli("monthly") << sandboxSetting << "monthly";
    QTest::newRow("settings name") << cli() << sandboxSetting << "sandbox";
    QTest::newRow("settings custom")
        << cli() << customSetting << "custom:127.0.0.1:7000+127.0.0.1:7001";
    QTest::newRow("settings custom beats name")
        << cli()
        << Vars{{"environment/name", "sandbox"},
                {"environment/loginUrl", "http://127.0.0.1:7000"},
                {"environment/apiUrl", "http://127.0.0.1:7001"}}
        << "custom:127.0.0.1:7000+127.0.0.1:7001";
    QTest::newRow("cli custom") << cli({}, l, a) << sandboxSetting
                                << "custom:127.0.0.1:4000+127.0.0.1:4001";
    QTest::newRow("cli custom beats settings custom")
        << cli({}, l, a) << customSetting << "custom:127.0.0.1:4000+127.0.0.1:4001";
    QTest::newRow("cli name beats settings custom") << cli("sandbox") << customSetting << "sandbox";
    QTest::newRow("login without api") << cli({}, l) << none << "";
    QTest::newRow("api without login") << cli({}, {}, a) << none << "";
    QTest::newRow("name and urls") << cli("sandbox", l, a) << none << "";
    QTest::newRow("unknown name") << cli("staging") << none << "";
    QTest::newRow("cli http remote") << cli({}, "http://example.com", a) << none << "";
    QTest::newRow("settings half custom") << cli() << Vars{{"environment/apiUrl", a}} << "";
    QTest::newRow("settings unknown name") << cli() << Vars{{"environment/name", "qa"}} << "";
}

void TestConfigResolver::environment()
{
    QFETCH(ConfigResolver::Overrides, commandLine);
    QFETCH(Vars, settings);
    QFETCH(QString, key);

    QSettings store(
        m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".ini")),
        QSettings::IniFormat);
    for (auto it = settings.cbegin(); it != settings.cend(); ++it)
        store.setValue(it.key(), it.value());
    const ConfigResolver resolver(&store, [](const QString &) { return std::nullopt; });
    const auto result = resolver.resolve(commandLine);
    if (key.isEmpty()) {
        QCOMPARE(result.error.kind, ProcoreError::Kind::Config);
        QVERIFY(!result.error.message.isEmpty());
        QVERIFY(!result.environment.isValid());
    } else {
        QVERIFY2(!result.error, qPrintable(result.error.message));
        QCOMPARE(result.environment.key(), key);
    }
}

void TestConfigResolver::client_data()
{
    QTest::addColumn<Vars>("env");
    QTest::addColumn<Vars>("settings");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<bool>("ok");

    const QString defId = AppInfo::defaultClientId();
    const QString defSecret = AppInfo::defaultClientSecret();
    const QString defRedirect = AppInfo::defaultRedirectUri();
    const QString oob = QStringLiteral("urn:ietf:wg:oauth:2.0:oob");

    QTest::newRow("defaults") << Vars{} << Vars{} << defId << defSecret << defRedirect << true;
    QTest::newRow("settings") << Vars{}
                              << Vars{{"oauth/clientId", "it-id"},
                                      {"oauth/clientSecret", "it-secret"},
                                      {"oauth/redirectUri", oob}}
                              << "it-id"
                              << "it-secret" << oob << true;
    QTest::newRow("env beats settings")
        << Vars{{"PROCORE_CLIENT_ID", "env-id"},
                {"PROCORE_CLIENT_SECRET", "env-secret"},
                {"PROCORE_REDIRECT_URI", "http://localhost"}}
        << Vars{{"oauth/clientId", "it-id"}, {"oauth/clientSecret", "it-secret"}} << "env-id"
        << "env-secret"
        << "http://localhost" << true;
    QTest::newRow("empty env ignored")
        << Vars{{"PROCORE_CLIENT_SECRET", ""}} << Vars{{"oauth/clientSecret", "it-secret"}} << defId
        << "it-secret" << defRedirect << true;
    // PKCE has no switch any more; an old one left in a deployment changes nothing.
    QTest::newRow("old pkce switch ignored")
        << Vars{{"PROCORE_USE_PKCE", "0"}} << Vars{{"oauth/usePkce", "maybe"}} << defId << defSecret
        << defRedirect << true;
    QTest::newRow("bad redirect") << Vars{{"PROCORE_REDIRECT_URI", "http://example.com/cb"}}
                                  << Vars{} << defId << defSecret << "http://example.com/cb"
                                  << false;
    QTest::newRow("relative redirect") << Vars{} << Vars{{"oauth/redirectUri", "callback"}} << defId
                                       << defSecret << "callback" << false;
}

void TestConfigResolver::client()
{
    QFETCH(Vars, env);
    QFETCH(Vars, settings);
    QFETCH(bool, ok);

    QSettings store(m_dir.filePath(QStringLiteral("client-") +
                                   QString::fromLatin1(QTest::currentDataTag()) +
                                   QStringLiteral(".ini")),
                    QSettings::IniFormat);
    for (auto it = settings.cbegin(); it != settings.cend(); ++it)
        store.setValue(it.key(), it.value());
    const ConfigResolver resolver(&store, [env](const QString &name) -> std::optional<QString> {
        if (!env.contains(name))
            return std::nullopt;
        return env.value(name);
    });
    ProcoreError error;
    const ClientConfig config = resolver.resolveClient({}, &error);
    QCOMPARE(!error, ok);
    if (!ok) {
        QCOMPARE(error.kind, ProcoreError::Kind::Config);
        return;
    }
    QTEST(config.clientId, "id");
    QTEST(config.clientSecret, "secret");
    QTEST(config.redirectUri, "redirect");
}

void TestConfigResolver::commandLineClientWins()
{
    ConfigResolver::Overrides c;
    c.clientId = QStringLiteral("cli-id");
    c.redirectUri = QStringLiteral("urn:ietf:wg:oauth:2.0:oob");
    const ConfigResolver resolver(nullptr, [](const QString &) -> std::optional<QString> {
        return QStringLiteral("env-value");
    });
    const auto result = resolver.resolve(c);
    QVERIFY2(!result.error, qPrintable(result.error.message));
    QCOMPARE(result.client.clientId, QStringLiteral("cli-id"));
    QCOMPARE(result.client.clientSecret, QStringLiteral("env-value"));
    QVERIFY(result.client.isOutOfBand());
}

void TestConfigResolver::errorStopsResolution()
{
    const ConfigResolver resolver(nullptr, [](const QString &) { return std::nullopt; });
    const auto result = resolver.resolve(cli({}, QStringLiteral("http://127.0.0.1:1")));
    QCOMPARE(result.error.kind, ProcoreError::Kind::Config);
    QVERIFY(result.error.message.contains(QStringLiteral("--api-url")));
    QVERIFY(result.client.clientId.isEmpty());
}

QTEST_GUILESS_MAIN(TestConfigResolver)
#include "tst_configresolver.moc"
