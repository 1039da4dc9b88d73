// The emulator as a process and its control API: the ready line, --port, --help and bad
// flags, clean exit on SIGTERM/SIGINT, the control API being off without --control, counters,
// settings and the data summary.
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "testhttp.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <csignal>

// Starts the emulator without EmulatorProcess (which always adds --control).
struct RawEmulator
{
    QProcess process;
    QUrl login;
    QUrl api;
    QByteArray output;

    bool start(const QStringList &arguments)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(PROCORE_EMULATOR_PATH), arguments);
        if (!process.waitForStarted(5000))
            return false;
        static const QRegularExpression ready(
            QStringLiteral("procore-emulator ready login=(\\S+) api=(\\S+) storage=(\\S+)\n"));
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
            output += process.readAll();
            const QRegularExpressionMatch match = ready.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                login = QUrl(match.captured(1));
                api = QUrl(match.captured(2));
                return true;
            }
        }
        return false;
    }
    ~RawEmulator()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

class TestEmulatorControl : public QObject
{
    Q_OBJECT

private slots:
    void readyLineAndBanner();
    void controlApiOffWithoutFlag();
    void fixedPortUsesTwoConsecutivePorts();
    void helpAndBadFlags_data();
    void helpAndBadFlags();
    void stopsCleanlyOnSignal_data();
    void stopsCleanlyOnSignal();
    void countersTrackRequests();
    void configChangesSettings();
    void configRejectsBadSettings_data();
    void configRejectsBadSettings();
    void dataSummary();
    void unknownControlEndpoint();
};

void TestEmulatorControl::readyLineAndBanner()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    QCOMPARE(emulator.loginUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(emulator.apiUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(emulator.loginUrl().port() > 0 && emulator.apiUrl().port() > 0);
    QVERIFY(emulator.loginUrl() != emulator.apiUrl());
    const QByteArray output = emulator.output();
    QVERIFY(output.startsWith("procore-emulator ready login=http://127.0.0.1:"));
    QVERIFY(output.contains("demo@example.com / procore-demo"));
    QVERIFY(output.contains("procore-desktop-demo"));
    QVERIFY(output.contains("urn:ietf:wg:oauth:2.0:oob"));
}

void TestEmulatorControl::controlApiOffWithoutFlag()
{
    RawEmulator emulator;
    QVERIFY2(emulator.start({QStringLiteral("--port"), QStringLiteral("0")}),
             emulator.output.constData());
    QVERIFY(emulator.output.contains("Control API:          off"));
    TestHttp http;
    for (const char *endpoint : {"counters", "data", "faults"}) {
        const TestHttpReply reply = http.get(
            emulator.api.resolved(QUrl(QStringLiteral("/_emulator/") + QLatin1String(endpoint))));
        QCOMPARE(reply.status, 404);
    }
    const TestHttpReply post =
        http.post(emulator.api.resolved(QUrl(QStringLiteral("/_emulator/revoke-all"))), "{}",
                  "application/json");
    QCOMPARE(post.status, 404);
}

void TestEmulatorControl::fixedPortUsesTwoConsecutivePorts()
{
    // --port 0 takes a neighbouring pair, so the same pair can be asked for again by number.
    quint16 port = 0;
    {
        EmulatorProcess first;
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        port = quint16(first.loginUrl().port());
        QCOMPARE(first.apiUrl().port(), int(port) + 1);
        first.stop();
    }
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--port"), QString::number(port)}),
             qPrintable(emulator.errorString()));
    QCOMPARE(emulator.loginUrl().port(), int(port));
    QCOMPARE(emulator.apiUrl().port(), int(port) + 1);
    // A second emulator on the same ports fails with a message instead of hanging.
    RawEmulator clash;
    QVERIFY(!clash.start({QStringLiteral("--port"), QString::number(port)}));
    clash.process.waitForFinished(5000);
    QCOMPARE(clash.process.exitCode(), 1);
}

void TestEmulatorControl::helpAndBadFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0
                          << QByteArray("--require-pkce");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--frobnicate")} << 2
                                  << QByteArray("frobnicate");
    QTest::newRow("bad number") << QStringList{QStringLiteral("--projects"), QStringLiteral("many")}
                                << 2 << QByteArray("--projects");
    QTest::newRow("too many companies")
        << QStringList{QStringLiteral("--companies"), QStringLiteral("1000")} << 2
        << QByteArray("--companies");
    QTest::newRow("bad fault") << QStringList{QStringLiteral("--fault"), QStringLiteral("explode")}
                               << 2 << QByteArray("unknown fault kind");
    QTest::newRow("revoke-all at start")
        << QStringList{QStringLiteral("--fault"), QStringLiteral("revoke-all")} << 2
        << QByteArray("control API");
    QTest::newRow("bad forbidden company")
        << QStringList{QStringLiteral("--forbidden-company"), QStringLiteral("x")} << 2
        << QByteArray("--forbidden-company");
    QTest::newRow("bad unauthorized company")
        << QStringList{QStringLiteral("--unauthorized-company"), QStringLiteral("-3")} << 2
        << QByteArray("--unauthorized-company");
    QTest::newRow("stray argument")
        << QStringList{QStringLiteral("extra")} << 2 << QByteArray("unexpected");
}

void TestEmulatorControl::helpAndBadFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(PROCORE_EMULATOR_PATH), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
    const QByteArray output = process.readAll();
    QVERIFY2(output.contains(message), output.constData());
    QVERIFY(!output.contains("ready"));
}

void TestEmulatorControl::stopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestEmulatorControl::stopsCleanlyOnSignal()
{
    QFETCH(int, signalNumber);
    RawEmulator emulator;
    QVERIFY2(emulator.start({QStringLiteral("--port"), QStringLiteral("0")}),
             emulator.output.constData());
    // An open keep-alive connection must not keep it from stopping.
    TestHttp http;
    QCOMPARE(http.get(emulator.api.resolved(QUrl(QStringLiteral("/rest/v1.0/me")))).status, 401);
    QVERIFY(::kill(pid_t(emulator.process.processId()), signalNumber) == 0);
    QVERIFY(emulator.process.waitForFinished(5000));
    QCOMPARE(emulator.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(emulator.process.exitCode(), 0);
    QVERIFY(emulator.process.readAll().contains("procore-emulator stopped"));
}

void TestEmulatorControl::countersTrackRequests()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QVERIFY(emulator.resetCounters());
    const QJsonObject zero = emulator.counters();
    QCOMPARE(zero.value(QStringLiteral("requests")).toObject().size(), 0);
    QCOMPARE(zero.value(QStringLiteral("tokensIssued")).toInt(), 0);

    TestHttp http;
    const QByteArray bearer = "Bearer " + tokens.accessToken.toLatin1();
    for (int i = 0; i < 3; ++i)
        http.get(emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me?x=%1").arg(i))),
                 {{"Authorization", bearer}, {"User-Agent", "ProcoreDesktop/0.1 (test)"}});
    http.get(emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/companies"))),
             {{"Authorization", bearer}});
    EmulatorSignIn::refresh(emulator, tokens.refreshToken);

    const QJsonObject counters = emulator.counters();
    const QJsonObject requests = counters.value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("api:/rest/v1.0/me")).toInt(), 3);
    QCOMPARE(requests.value(QStringLiteral("api:/rest/v1.0/companies")).toInt(), 1);
    QCOMPARE(requests.value(QStringLiteral("login:/oauth/token")).toInt(), 1);
    QVERIFY(!requests.contains(
        QStringLiteral("api:/_emulator/counters"))); // the control API is not counted
    QCOMPARE(counters.value(QStringLiteral("requestsPerToken"))
                 .toObject()
                 .value(tokens.accessToken.left(8))
                 .toInt(),
             4);
    QCOMPARE(counters.value(QStringLiteral("lastUserAgent"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.0/me"))
                 .toString(),
             QStringLiteral("ProcoreDesktop/0.1 (test)"));
    QCOMPARE(counters.value(QStringLiteral("lastAuthorization"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.0/me"))
                 .toString(),
             QString::fromLatin1(bearer));
    QCOMPARE(counters.value(QStringLiteral("lastAuthorization"))
                 .toObject()
                 .value(QStringLiteral("login:/oauth/token"))
                 .toString(),
             QString());
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("tokensIssued")).toInt(), 1);
    for (const char *key : {"refreshFailures", "codesIssued", "refreshTokenReuse", "rateLimited"})
        QVERIFY2(counters.value(QLatin1String(key)).isDouble(), key);
}

void TestEmulatorControl::configChangesSettings()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    QVERIFY(emulator.configure(
        {{QStringLiteral("expiresIn"), 120}, {QStringLiteral("requirePkce"), true}}));
    // requirePkce now on: a plain authorize request is refused.
    QString error;
    QVERIFY(EmulatorSignIn::authorizationCode(emulator, {}, &error).isEmpty());
    QVERIFY(emulator.configure({{QStringLiteral("requirePkce"), false}}));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QCOMPARE(tokens.expiresIn, 120);
    // forbiddenCompanies turns a company's projects into 403.
    const qint64 company =
        emulator.data().value(QStringLiteral("companies")).toArray().at(0).toInteger();
    QVERIFY(emulator.configure({{QStringLiteral("forbiddenCompanies"), QJsonArray{company}}}));
    TestHttp http;
    const TestHttpReply reply =
        http.get(emulator.apiUrl().resolved(
                     QUrl(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(company))),
                 {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()},
                  {"Procore-Company-Id", QByteArray::number(company)}});
    QCOMPARE(reply.status, 403);
    // unauthorizedCompanies: 401 instead, with the same good token.
    QVERIFY(emulator.configure({{QStringLiteral("forbiddenCompanies"), QJsonArray{}},
                                {QStringLiteral("unauthorizedCompanies"), QJsonArray{company}}}));
    QCOMPARE(http.get(emulator.apiUrl().resolved(
                          QUrl(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(company))),
                      {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()},
                       {"Procore-Company-Id", QByteArray::number(company)}})
                 .status,
             401);
}

void TestEmulatorControl::configRejectsBadSettings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unknown key") << QByteArray(R"({"colour":1})");
    QTest::newRow("negative expiry") << QByteArray(R"({"expiresIn":-1})");
    QTest::newRow("string number") << QByteArray(R"({"rateLimit":"10"})");
    QTest::newRow("pkce not bool") << QByteArray(R"({"requirePkce":1})");
    QTest::newRow("company ids not an array") << QByteArray(R"({"unauthorizedCompanies":12})");
    QTest::newRow("company id not a number") << QByteArray(R"({"unauthorizedCompanies":["x"]})");
    QTest::newRow("broken json") << QByteArray(R"({"expiresIn":)");
}

void TestEmulatorControl::configRejectsBadSettings()
{
    QFETCH(QByteArray, body);
    EmulatorProcess local;
    QVERIFY2(local.start(), qPrintable(local.errorString()));
    int status = 0;
    local.control("POST", QStringLiteral("config"), body, &status);
    QCOMPARE(status, 400);
    const EmulatorTokens tokens = EmulatorSignIn::signIn(local);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QCOMPARE(tokens.expiresIn, 5400); // nothing changed
}

void TestEmulatorControl::dataSummary()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--companies"), QStringLiteral("4"),
                             QStringLiteral("--projects"), QStringLiteral("25"),
                             QStringLiteral("--seed"), QStringLiteral("7")}),
             qPrintable(emulator.errorString()));
    const QJsonObject data = emulator.data();
    const QJsonArray companies = data.value(QStringLiteral("companies")).toArray();
    QCOMPARE(companies.size(), 4);
    const QJsonObject projects = data.value(QStringLiteral("projects")).toObject();
    for (const QJsonValue &id : companies)
        QCOMPARE(projects.value(QString::number(id.toInteger())).toInt(), 25);
    QVERIFY(companies.at(1).toInteger() > Q_INT64_C(4294967296));
}

void TestEmulatorControl::unknownControlEndpoint()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    int status = 0;
    emulator.control("GET", QStringLiteral("nothing"), {}, &status);
    QCOMPARE(status, 404);
    emulator.control("GET", QStringLiteral("revoke-all"), {}, &status); // wrong method
    QCOMPARE(status, 404);
}

QTEST_GUILESS_MAIN(TestEmulatorControl)
#include "tst_emulatorcontrol.moc"
