// The real procore-desktop executable, started as the desktop starts it, against the emulator
// and the real Secret Service: a signed-in launch shows projects without loading WebEngine or
// starting any QtWebEngineProcess, and a second launch hands its --project link to the first,
// which shows that project, then exits 0.
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "proctools.h"
#include "signedinseed.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QtTest>

namespace {
const QString appPath = QStringLiteral(PROCORE_DESKTOP_PATH);

} // namespace

class TestDesktopApp final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void signedInLaunchNeedsNoWebEngine();
    void secondLaunchForwardsProjectLink();

private:
    bool startApp(QProcess &app);

    EmulatorProcess m_emulator;
    QList<qint64> m_projectIds;
};

void TestDesktopApp::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain and settings");
    // Same identity as the app, so the settings written here are the app's.
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QVERIFY2(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("300")}),
             qPrintable(m_emulator.errorString()));
    // The environment comes from the settings, as it does for a desktop's launch: a link may
    // come with no other option than --company.
    QSettings settings;
    settings.setValue(QStringLiteral("environment/loginUrl"), m_emulator.loginUrl().toString());
    settings.setValue(QStringLiteral("environment/apiUrl"), m_emulator.apiUrl().toString());
    settings.sync();

    // What an earlier run of the app leaves behind: tokens in the keychain, the last user in
    // the settings, an offline copy.
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(m_emulator, &store, 300);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    m_projectIds = seeded.projectIds;
}

void TestDesktopApp::cleanupTestCase()
{
    QSettings().remove(QStringLiteral("environment"));
    m_emulator.stop();
}

bool TestDesktopApp::startApp(QProcess &app)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PROCORE_BENCH_TIMESTAMPS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("procore.*.info=true"));
    app.setProcessEnvironment(environment);
    app.start(appPath, {});
    return app.waitForStarted(10000);
}

void TestDesktopApp::signedInLaunchNeedsNoWebEngine()
{
    QProcess app;
    QVERIFY(startApp(app));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += app.readAllStandardOutput()).contains("first-projects-paint"),
                             20000);
    // Give a lazily started helper every chance to show up.
    QTest::qWait(500);
    const QList<qint64> children = ProcTools::descendants(app.processId());
    for (const qint64 child : children)
        QVERIFY2(!ProcTools::commandName(child).startsWith("QtWebEngine"),
                 "a signed-in launch started a QtWebEngineProcess");
    QVERIFY(ProcTools::mapsContain(app.processId(), "libQt6Widgets"));
    QVERIFY2(!ProcTools::mapsContain(app.processId(), "libQt6WebEngine"),
             "the main process mapped WebEngine");
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

void TestDesktopApp::secondLaunchForwardsProjectLink()
{
    QProcess first;
    QVERIFY(startApp(first));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += first.readAllStandardOutput()).contains("first-projects-paint"), 20000);

    const qint64 wanted = m_projectIds.at(123);
    QProcess second;
    second.start(appPath, {QStringLiteral("--"),
                           QStringLiteral("procore-desktop://project/%1").arg(wanted)});
    QVERIFY(second.waitForFinished(15000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);

    QByteArray log;
    const QByteArray expected = "showing project " + QByteArray::number(wanted);
    QTRY_VERIFY_WITH_TIMEOUT((log += first.readAllStandardError()).contains(expected), 10000);

    // The --project form does the same.
    const qint64 next = m_projectIds.at(7);
    QProcess viaOption;
    viaOption.start(appPath, {QStringLiteral("--project"), QString::number(next)});
    QVERIFY(viaOption.waitForFinished(15000));
    QCOMPARE(viaOption.exitCode(), 0);
    const QByteArray expectedNext = "showing project " + QByteArray::number(next);
    QTRY_VERIFY_WITH_TIMEOUT((log += first.readAllStandardError()).contains(expectedNext), 10000);

    // A bad link from a third launch is refused there and then; the first one keeps running.
    QProcess third;
    third.start(appPath, {QStringLiteral("--project"), QStringLiteral("-1")});
    QVERIFY(third.waitForFinished(15000));
    QCOMPARE(third.exitCode(), 0);
    QTest::qWait(300);
    QCOMPARE(first.state(), QProcess::Running);

    // One crafted link split into several arguments by a launcher: refused before anything is
    // forwarded (exit 64), and the running window neither signs out nor moves.
    const qint64 crafted = m_projectIds.at(42);
    QProcess fourth;
    fourth.start(appPath,
                 {QStringLiteral("--"), QStringLiteral("procore-desktop://project/%1").arg(crafted),
                  QStringLiteral("--sign-out")});
    QVERIFY(fourth.waitForFinished(15000));
    QCOMPARE(fourth.exitCode(), 64);
    QVERIFY(fourth.readAllStandardError().contains("Nothing was changed"));
    QProcess fifth;
    fifth.start(appPath, {QStringLiteral("procore-desktop://project/%1").arg(crafted),
                          QStringLiteral("--api-url"), QStringLiteral("http://127.0.0.1:9/")});
    QVERIFY(fifth.waitForFinished(15000));
    QCOMPARE(fifth.exitCode(), 64);
    QTest::qWait(300);
    log += first.readAllStandardError();
    QVERIFY(!log.contains("showing project " + QByteArray::number(crafted)));
    QCOMPARE(first.state(), QProcess::Running);

    first.terminate();
    QVERIFY(first.waitForFinished(10000));
}

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
