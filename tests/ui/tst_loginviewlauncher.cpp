// LoginLauncher and the real procore-desktop-login process: the stdin/stdout protocol, strict
// reply parsing, closing stdin or cancel() ending the window, and a whole sign-in in the
// helper, driven from outside through Chromium's DevTools protocol.
#include "devtoolspage.h"
#include "emulatorprocess.h"
#include "loginviewtesttools.h"
#include "proxyprocess.h"
#include "signin/loginlauncher.h"
#include "testports.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace LoginViewTestTools;

namespace {

const QString helperPath = QStringLiteral(PROCORE_LOGIN_HELPER_PATH);

// A login server that accepts and never answers: the helper's page stays loading.
class SilentServer final : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                m_sockets.append(socket);
        });
    }
    QUrl url() const
    {
        return QUrl(
            QStringLiteral("http://127.0.0.1:%1/oauth/authorize?state=s").arg(serverPort()));
    }
    bool wasContacted() const { return !m_sockets.isEmpty(); }

private:
    QList<QTcpSocket *> m_sockets;
};

LoginRequest requestFor(const QUrl &authorize, const QUrl &redirect)
{
    LoginRequest request;
    request.authorizeUrl = authorize;
    request.redirectUri = redirect;
    return request;
}

struct Outcome
{
    QString event; // redirect, cancelled, system-browser, failed, none
    QUrl url;
    ProcoreError error;
};

// Waits for the one terminal signal and checks no second one follows.
Outcome waitForOutcome(LoginLauncher &launcher, int timeoutMs = 20000)
{
    QSignalSpy redirect(&launcher, &LoginLauncher::redirectReceived);
    QSignalSpy cancelled(&launcher, &LoginLauncher::cancelled);
    QSignalSpy browser(&launcher, &LoginLauncher::systemBrowserRequested);
    QSignalSpy failed(&launcher, &LoginLauncher::failed);
    const auto total = [&] {
        return redirect.size() + cancelled.size() + browser.size() + failed.size();
    };
    if (!waitUntil([&] { return total() > 0; }, timeoutMs))
        return {QStringLiteral("none"), {}, {}};
    pump(100);
    if (total() != 1)
        return {QStringLiteral("several"), {}, {}};
    if (!redirect.isEmpty())
        return {QStringLiteral("redirect"), redirect.at(0).at(0).toUrl(), {}};
    if (!cancelled.isEmpty())
        return {QStringLiteral("cancelled"), {}, {}};
    if (!browser.isEmpty())
        return {QStringLiteral("system-browser"), {}, {}};
    return {QStringLiteral("failed"), {}, failed.at(0).at(0).value<ProcoreError>()};
}

} // namespace

class TestLoginViewLauncher final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void strictReplies_data();
    void strictReplies();
    void requestTravelsOnStdinOnly();
    void helperGetsNoClientSettings();
    void missingHelperFails();
    void invalidRequestRefused();
    void helperRejectsBadInput_data();
    void helperRejectsBadInput();
    void helperQuitsWhenStdinCloses();
    void cancelClosesWindow();
    void signInEndToEnd_data();
    void signInEndToEnd();

private:
    QString script(const QByteArray &body);

    QTemporaryDir m_scripts;
    EmulatorProcess m_emulator;
    RedirectTrap m_trap;
};

void TestLoginViewLauncher::initTestCase()
{
    qRegisterMetaType<ProcoreError>();
    QVERIFY(QFile::exists(helperPath));
    QVERIFY2(m_emulator.start({QStringLiteral("--redirect-uri"), m_trap.redirectUri().toString()}),
             qPrintable(m_emulator.errorString()));
}

QString TestLoginViewLauncher::script(const QByteArray &body)
{
    static int counter = 0;
    const QString path = m_scripts.filePath(QStringLiteral("helper%1.sh").arg(++counter));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\nread line\n" + body + '\n');
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

void TestLoginViewLauncher::strictReplies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("detail");

    const QByteArray redirect = m_trap.redirectUri().toString().toUtf8();
    QTest::newRow("redirect") << "echo '{\"event\":\"redirect\",\"url\":\"" + redirect +
                                     "?code=c1&state=s1\"}'; exit 0"
                              << "redirect" << QString();
    QTest::newRow("cancelled") << QByteArray("echo '{\"event\":\"cancelled\"}'; exit 1")
                               << "cancelled" << QString();
    QTest::newRow("system browser") << QByteArray("echo '{\"event\":\"system-browser\"}'; exit 2")
                                    << "system-browser" << QString();
    QTest::newRow("chatty stderr")
        << QByteArray("seq 1 5000 >&2; echo '{\"event\":\"cancelled\"}'; exit 1") << "cancelled"
        << QString();
    QTest::newRow("helper error")
        << QByteArray("echo '{\"event\":\"error\",\"message\":\"GL failed\"}'; exit 3") << "failed"
        << "GL failed";
    QTest::newRow("foreign redirect")
        << QByteArray(
               "echo '{\"event\":\"redirect\",\"url\":\"http://evil.example/callback?code=x\"}'; "
               "exit 0")
        << "failed"
        << "foreign URL";
    QTest::newRow("exit code disagrees")
        << QByteArray("echo '{\"event\":\"cancelled\"}'; exit 0") << "failed"
        << "disagree";
    QTest::newRow("two lines")
        << QByteArray("echo '{\"event\":\"cancelled\"}'; echo '{\"event\":\"cancelled\"}'; exit 1")
        << "failed"
        << "exactly one";
    QTest::newRow("no newline") << QByteArray("printf '{\"event\":\"cancelled\"}'; exit 1")
                                << "failed"
                                << "exactly one";
    QTest::newRow("nothing") << QByteArray("exit 0") << "failed"
                             << "exactly one";
    QTest::newRow("garbage") << QByteArray("echo hello; exit 3") << "failed"
                             << "bad reply";
    QTest::newRow("oversized") << QByteArray("yes aaaaaaaa | head -c 100000; exit 0") << "failed"
                               << "oversized";
    QTest::newRow("crash") << QByteArray("kill -SEGV $$") << "failed"
                           << "crashed";
}

void TestLoginViewLauncher::strictReplies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, event);
    QFETCH(QString, detail);
    LoginLauncher launcher;
    launcher.setProgram(script(body));
    QVERIFY(launcher.start(
        requestFor(m_emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/authorize"))),
                   m_trap.redirectUri())));
    QVERIFY(launcher.isRunning());
    const Outcome outcome = waitForOutcome(launcher);
    QCOMPARE(outcome.event, event);
    QVERIFY(!launcher.isRunning());
    if (event == u"redirect")
        QCOMPARE(QUrlQuery(outcome.url).queryItemValue(QStringLiteral("code")),
                 QStringLiteral("c1"));
    if (event == u"failed") {
        QCOMPARE(outcome.error.kind, ProcoreError::Kind::Config);
        QVERIFY(!outcome.error.message.isEmpty());
        QVERIFY2(outcome.error.detail.contains(detail), qPrintable(outcome.error.detail));
        QCOMPARE(launcher.lastError().detail, outcome.error.detail);
    }
}

void TestLoginViewLauncher::requestTravelsOnStdinOnly()
{
    const QString record = m_scripts.filePath(QStringLiteral("record.txt"));
    LoginLauncher launcher;
    launcher.setProgram(script("printf '%s\\n%s\\n' \"$#\" \"$line\" > '" + record.toUtf8() +
                               "'; echo '{\"event\":\"cancelled\"}'; exit 1"));
    LoginRequest request = requestFor(
        QUrl(QStringLiteral(
            "https://login.procore.com/oauth/authorize?state=secret-state&code_challenge=abc")),
        m_trap.redirectUri());
    request.environmentLabel = QStringLiteral("Sandbox");
    QVERIFY(launcher.start(request));
    QCOMPARE(waitForOutcome(launcher).event, QStringLiteral("cancelled"));
    QFile file(record);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.at(0), QByteArray("0")); // no arguments: argv is visible to other users
    QCOMPARE(lines.at(1) + '\n', request.toJsonLine());
}

// The sign-in window never talks to the token endpoint: no client secret or other client
// setting reaches it, from the app's environment or from one given to the launcher. Qt's own
// QTWEBENGINE_* variables are the user's and pass through unchanged.
void TestLoginViewLauncher::helperGetsNoClientSettings()
{
    qputenv("PROCORE_CLIENT_SECRET", "inherited-secret");
    auto unset = qScopeGuard([] { qunsetenv("PROCORE_CLIENT_SECRET"); });
    const QString record = m_scripts.filePath(QStringLiteral("environment.txt"));
    const QByteArray body =
        "env > '" + record.toUtf8() + "'; echo '{\"event\":\"cancelled\"}'; exit 1";
    const LoginRequest request = requestFor(
        QUrl(QStringLiteral("https://login.procore.com/oauth/authorize")), m_trap.redirectUri());
    const auto childEnvironment = [&](LoginLauncher &launcher) {
        QFile::remove(record);
        launcher.setProgram(script(body));
        if (!launcher.start(request) || waitForOutcome(launcher).event != u"cancelled")
            return QByteArray();
        QFile file(record);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };

    LoginLauncher inherits;
    const QByteArray inherited = childEnvironment(inherits);
    QVERIFY(inherited.contains("\nHOME=") || inherited.startsWith("HOME="));
    QVERIFY2(!inherited.contains("PROCORE_"), inherited.constData());

    QProcessEnvironment given = QProcessEnvironment::systemEnvironment();
    given.insert(QStringLiteral("PROCORE_CLIENT_SECRET"), QStringLiteral("given-secret"));
    given.insert(QStringLiteral("PROCORE_CLIENT_ID"), QStringLiteral("given-id"));
    given.insert(QStringLiteral("PROCORE_REDIRECT_URI"), QStringLiteral("http://127.0.0.1:1/cb"));
    given.insert(QStringLiteral("PROCORE_USE_PKCE"), QStringLiteral("1"));
    given.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"), QStringLiteral("127.0.0.1:9222"));
    given.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"), QStringLiteral("--lang=de --x=y"));
    LoginLauncher configured;
    configured.setProcessEnvironment(given);
    const QByteArray seen = childEnvironment(configured);
    QVERIFY2(!seen.contains("PROCORE_") && !seen.contains("-secret"), seen.constData());
    QVERIFY(seen.contains("\nQTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:9222\n"));
    QVERIFY(seen.contains("\nQTWEBENGINE_CHROMIUM_FLAGS=--lang=de --x=y\n"));
}

void TestLoginViewLauncher::missingHelperFails()
{
    LoginLauncher launcher;
    QVERIFY(launcher.program().endsWith(QStringLiteral("/procore-desktop-login")));
    launcher.setProgram(m_scripts.filePath(QStringLiteral("not-there")));
    QVERIFY(launcher.start(requestFor(
        QUrl(QStringLiteral("https://login.procore.com/oauth/authorize")), m_trap.redirectUri())));
    const Outcome outcome = waitForOutcome(launcher);
    QCOMPARE(outcome.event, QStringLiteral("failed"));
    QVERIFY(outcome.error.detail.contains(QStringLiteral("cannot start")));
    QVERIFY(!launcher.isRunning());
}

void TestLoginViewLauncher::invalidRequestRefused()
{
    LoginLauncher launcher;
    launcher.setProgram(helperPath);
    QSignalSpy failed(&launcher, &LoginLauncher::failed);
    QVERIFY(!launcher.start(requestFor(
        QUrl(QStringLiteral("http://login.procore.com/oauth/authorize")), m_trap.redirectUri())));
    QCOMPARE(launcher.lastError().kind, ProcoreError::Kind::Config);
    QVERIFY(!launcher.isRunning());
    pump(50);
    QCOMPARE(failed.size(), 0);
}

void TestLoginViewLauncher::helperRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("hello\n") << "not a JSON object";
    QTest::newRow("unknown key") << QByteArray(
                                        "{\"authorizeUrl\":\"https://a.example/"
                                        "\",\"redirectUri\":\"https://b.example/\",\"x\":1}\n")
                                 << "unknown key";
    QTest::newRow("plain http")
        << QByteArray(
               "{\"authorizeUrl\":\"http://a.example/\",\"redirectUri\":\"https://b.example/\"}\n")
        << "https";
    QTest::newRow("oversized") << QByteArray(40000, ' ') + "{}\n"
                               << "larger than";
    QTest::newRow("no line, closed") << QByteArray("{\"authorizeUrl\":") << "stdin closed";
    QTest::newRow("empty, closed") << QByteArray() << "stdin closed";
}

void TestLoginViewLauncher::helperRejectsBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    QProcess helper;
    helper.start(helperPath, {});
    QVERIFY(helper.waitForStarted());
    helper.write(input);
    helper.closeWriteChannel();
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helper.exitCode(), 3);
    const QByteArray out = helper.readAllStandardOutput();
    QCOMPARE(out.count('\n'), 1);
    const QJsonObject reply = QJsonDocument::fromJson(out).object();
    QCOMPARE(reply.value(QStringLiteral("event")).toString(), QStringLiteral("error"));
    QVERIFY2(reply.value(QStringLiteral("message")).toString().contains(message), out.constData());
}

void TestLoginViewLauncher::helperQuitsWhenStdinCloses()
{
    // The main process died (or gave up): its end of the pipe closes, the window goes.
    SilentServer server;
    QProcess helper;
    helper.start(helperPath, {});
    QVERIFY(helper.waitForStarted());
    helper.write(requestFor(server.url(), m_trap.redirectUri()).toJsonLine());
    QVERIFY(waitUntil([&] { return server.wasContacted(); }));
    helper.closeWriteChannel();
    QVERIFY(waitUntil([&] { return helper.state() == QProcess::NotRunning; }, 5000));
    QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helper.exitCode(), 1);
    QCOMPARE(helper.readAllStandardOutput(), QByteArray("{\"event\":\"cancelled\"}\n"));
}

void TestLoginViewLauncher::cancelClosesWindow()
{
    SilentServer server;
    LoginLauncher launcher;
    launcher.setProgram(helperPath);
    QVERIFY(launcher.start(requestFor(server.url(), m_trap.redirectUri())));
    QVERIFY(waitUntil([&] { return server.wasContacted(); }));
    QSignalSpy cancelled(&launcher, &LoginLauncher::cancelled);
    QElapsedTimer timer;
    timer.start();
    launcher.cancel();
    launcher.cancel(); // twice is harmless
    QCOMPARE(waitForOutcome(launcher).event, QStringLiteral("cancelled"));
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(!launcher.isRunning());
}

void TestLoginViewLauncher::signInEndToEnd_data()
{
    QTest::addColumn<bool>("throughProxy");
    QTest::newRow("direct") << false;
    // The helper takes the system's proxy (http_proxy here) as the app does. Chromium sends
    // loopback hosts direct whatever the settings say unless the bypass list holds
    // "<-loopback>": that is the only way to put the loopback emulator behind the proxy.
    QTest::newRow("through the system's proxy") << true;
}

void TestLoginViewLauncher::signInEndToEnd()
{
    QFETCH(bool, throughProxy);
    const int port = TestPorts::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"),
                       QStringLiteral("127.0.0.1:%1").arg(port));
    for (const char *name : {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
                             "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"})
        environment.remove(QString::fromLatin1(name));
    ProxyProcess proxy;
    if (throughProxy) {
        QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
        environment.insert(QStringLiteral("http_proxy"), proxy.url().toString());
        environment.insert(QStringLiteral("no_proxy"), QStringLiteral("<-loopback>"));
    }
    const int codesBefore = m_emulator.counter("codesIssued");
    LoginLauncher launcher;
    launcher.setProgram(helperPath);
    launcher.setProcessEnvironment(environment);
    const QString state = QStringLiteral("e2e-7c1");
    QTemporaryDir profile;
    LoginRequest request =
        requestFor(authorizeUrl(m_emulator.loginUrl(), EmulatorProcess::clientId(),
                                m_trap.redirectUri(), state),
                   m_trap.redirectUri());
    request.profileDir = profile.filePath(QStringLiteral("login-profile"));
    request.environmentLabel = QStringLiteral("Emulator");
    QVERIFY(launcher.start(request));

    DevToolsPage page;
    QVERIFY(page.attach(port, QStringLiteral("/oauth/authorize")));
    QVERIFY(page.waitForElement("login-form"));
    const QJsonObject shot = page.call(QStringLiteral("Page.captureScreenshot"), {}, 10000);
    QFile png(screenshotPath(QStringLiteral("helper-login-page")));
    QVERIFY(png.open(QIODevice::WriteOnly));
    png.write(QByteArray::fromBase64(shot.value(QStringLiteral("data")).toString().toLatin1()));
    png.close();

    page.evaluate(
        fillLoginFormScript(EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword()));
    QVERIFY(page.waitForElement("allow"));
    page.evaluate(QStringLiteral("document.getElementById('allow').click()"));

    const Outcome outcome = waitForOutcome(launcher);
    QCOMPARE(outcome.event, QStringLiteral("redirect"));
    const QUrlQuery query(outcome.url);
    QVERIFY(!query.queryItemValue(QStringLiteral("code")).isEmpty());
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), state);
    QCOMPARE(m_trap.connections(), 0);
    QCOMPARE(m_emulator.counter("codesIssued"), codesBefore + 1);
    if (throughProxy) {
        // The login page, the form post and Allow all went through the proxy.
        const QString proxied = proxy.requestsTo(m_emulator.loginUrl()).join(u'\n');
        QVERIFY2(proxied.contains(QLatin1String("GET ") + m_emulator.loginUrl().toString() +
                                  QLatin1String("/oauth/authorize?")),
                 qPrintable(proxied));
        QVERIFY2(proxied.contains(QLatin1String("POST ")), qPrintable(proxied));
    }
    // The window's session stays in its profile folder until sign-out clears it.
    QVERIFY(QFileInfo::exists(request.profileDir + QStringLiteral("/Cookies")));
    QVERIFY(LoginLauncher::clearProfile(request.profileDir));
    QVERIFY(!QFileInfo::exists(request.profileDir));
}

// No QApplication: the launcher works in whatever the main process is.
QTEST_GUILESS_MAIN(TestLoginViewLauncher)
#include "tst_loginviewlauncher.moc"
