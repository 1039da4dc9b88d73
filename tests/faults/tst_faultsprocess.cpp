// The real procore-desktop executable (terminal mode, real Secret Service, real settings)
// killed with SIGKILL at the worst moments. The next start must find valid tokens or ask
// cleanly for a sign-in (exit 1), and never send a refresh token Procore already used.
// Runs in its own keyring session and HOME (see CMakeLists.txt).
#include "appprocess.h"
#include "faultreport.h"
#include "faultsession.h"

#include "auth/keychaintokenstore.h"
#include "model/projectlistmodel.h"
#include "signedinseed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace {

const QByteArray notSignedIn = "You are not signed in to Procore";

QString firstLine(const QByteArray &text, const QByteArray &containing)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.contains(containing))
            return QString::fromUtf8(line).trimmed();
    }
    return {};
}

} // namespace

class TestFaultsProcess final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void killedDuringRefresh();
    void killedAtRandomMomentsOfARefresh();
    void killedWhilePaging();

private:
    // What an earlier run of the app leaves: tokens in the keychain, the user in the settings.
    bool signInAsTheAppWould(QString *why);
    QStringList listProjects() const;
    // The next start after a kill: exit 0 with the list, or exit 1 asking for a sign-in.
    void checkNextStart(FaultRow *row, bool mustStillBeSignedIn);

    EmulatorProcess m_emulator;
    int m_projectCount = 0;
    FaultReport m_report{QStringLiteral("tst_faultsprocess")};
};

void TestFaultsProcess::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain and settings");
    // The app's identity, so the settings and keychain entries written here are the app's.
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    // The seeding sessions' progress is noise here; warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("procore.*.info=false"));
    QVERIFY2(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("120")}),
             qPrintable(m_emulator.errorString()));
}

void TestFaultsProcess::cleanupTestCase()
{
    m_report.finish();
}

void TestFaultsProcess::init()
{
    QVERIFY(m_emulator.clearFaults());
    QString why;
    QVERIFY2(signInAsTheAppWould(&why), qPrintable(why));
    QVERIFY(m_emulator.resetCounters());
}

bool TestFaultsProcess::signInAsTheAppWould(QString *why)
{
    KeychainTokenStore store;
    QNetworkAccessManager network;
    QTemporaryDir cache;
    Session session(SignedInSeed::environment(m_emulator), SignedInSeed::client(), &store, &network,
                    cache.path());
    // No restore first: whatever an earlier case left is replaced, never refreshed here.
    if (!SignedInSeed::signIn(session, why))
        return false;
    if (!QTest::qWaitFor(
            [&] {
                return session.state() == Session::State::SignedIn && !session.isLoading() &&
                       session.projects()->count() > 0;
            },
            20000)) {
        *why = QStringLiteral("no projects after the sign-in: %1").arg(session.problem().detail);
        return false;
    }
    m_projectCount = session.projects()->count();
    return true;
}

QStringList TestFaultsProcess::listProjects() const
{
    return {QStringLiteral("--list-projects"), QStringLiteral("--json"),
            QStringLiteral("--login-url"),     m_emulator.loginUrl().toString(),
            QStringLiteral("--api-url"),       m_emulator.apiUrl().toString()};
}

void TestFaultsProcess::checkNextStart(FaultRow *row, bool mustStillBeSignedIn)
{
    for (int start = 0; start < 2; ++start) {
        const AppRun next = AppProcess::run(listProjects());
        QVERIFY2(next.finished, "the next start hung");
        row->crashes += next.crashed ? 1 : 0;
        QVERIFY2(!next.crashed, next.err.constData());
        if (next.exitCode == 0) {
            const QJsonArray projects = QJsonDocument::fromJson(next.out).array();
            QCOMPARE(projects.size(), m_projectCount);
            if (row->outcome.isEmpty())
                row->outcome = QStringLiteral("ok");
        } else {
            QCOMPARE(next.exitCode, 1);
            QVERIFY2(next.err.contains(notSignedIn), next.err.constData());
            QVERIFY2(!mustStillBeSignedIn, next.err.constData());
            if (row->outcome.isEmpty()) {
                row->outcome = QStringLiteral("sign-in-needed");
                row->message = firstLine(next.err, notSignedIn);
            }
        }
        QCOMPARE(m_emulator.counter("refreshTokenReuse"), 0);
    }
}

void TestFaultsProcess::killedDuringRefresh()
{
    FaultRow row;
    row.fault = QStringLiteral("SIGKILL while the refresh hangs (stall on /oauth/token)");
    // The stored access token is refused from now on, so the app must refresh first.
    QVERIFY(m_emulator.expireAllTokens());
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("stall")},
                                 {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
    QProcess app;
    AppProcess::start(app, listProjects());
    QVERIFY(QTest::qWaitFor(
        [&] { return m_emulator.requests(QStringLiteral("login:/oauth/token")) >= 1; }, 15000));
    QTest::qWait(100);
    QCOMPARE(app.state(), QProcess::Running);
    AppProcess::killHard(app);
    row.injected = 2; // the stall and the kill
    QVERIFY(m_emulator.clearFaults());
    // Procore spent the refresh token when it got it; the new pair never arrived.
    QCOMPARE(m_emulator.counter("refreshes"), 1);
    checkNextStart(&row, false);
    row.requests = m_emulator.allRequests();
    m_report.add(row); // tokens lost 0: the refresh token was spent by Procore, not by the app
    QCOMPARE(row.crashes, 0);
}

void TestFaultsProcess::killedAtRandomMomentsOfARefresh()
{
    // Killed somewhere between sending the refresh and storing its answer (the answer comes
    // after 150 ms): whatever the moment, the next start is clean.
    int kills = 0;
    FaultRow row;
    row.fault = QStringLiteral("SIGKILL at 5 moments around a refresh (150 ms to answer)");
    const QList<int> delays{0, 60, 140, 170, 260};
    for (const int delay : delays) {
        QString why;
        QVERIFY2(signInAsTheAppWould(&why), qPrintable(why));
        QVERIFY(m_emulator.expireAllTokens());
        QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("latency")},
                                     {QStringLiteral("ms"), 150},
                                     {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
        const int refreshesBefore = m_emulator.counter("refreshes");
        QProcess app;
        AppProcess::start(app, listProjects());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return m_emulator.counter("refreshes") > refreshesBefore ||
                       app.state() == QProcess::NotRunning;
            },
            15000));
        QTest::qWait(delay);
        if (app.state() == QProcess::Running) {
            AppProcess::killHard(app);
            ++kills;
        } else {
            row.crashes += app.exitStatus() == QProcess::CrashExit ? 1 : 0;
        }
        QVERIFY(m_emulator.clearFaults());
        FaultRow next;
        checkNextStart(&next, false);
        row.crashes += next.crashes;
        if (row.message.isEmpty())
            row.message = next.message;
        if (!row.outcome.contains(next.outcome))
            row.outcome += (row.outcome.isEmpty() ? QString() : QStringLiteral("/")) + next.outcome;
    }
    row.injected = kills;
    row.requests = m_emulator.allRequests();
    m_report.add(row);
    QCOMPARE(row.crashes, 0);
    QCOMPARE(m_emulator.counter("refreshTokenReuse"), 0);
}

void TestFaultsProcess::killedWhilePaging()
{
    FaultRow row;
    row.fault = QStringLiteral("SIGKILL while a projects page hangs");
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("stall")},
                                 {QStringLiteral("path"), QStringLiteral("/rest/v1.1/projects")}}));
    QProcess app;
    AppProcess::start(app, listProjects());
    QVERIFY(QTest::qWaitFor(
        [&] { return m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects")) >= 1; },
        15000));
    QTest::qWait(100);
    AppProcess::killHard(app);
    row.injected = 2;
    QVERIFY(m_emulator.clearFaults());
    // Nothing about the sign-in was in flight: the next start must simply work.
    checkNextStart(&row, true);
    row.requests = m_emulator.allRequests();
    m_report.add(row);
    QCOMPARE(row.outcome, QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestFaultsProcess)
#include "tst_faultsprocess.moc"
