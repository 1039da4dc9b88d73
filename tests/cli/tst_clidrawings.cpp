// The terminal's drawing commands, as a user runs them: the real executable, the real
// keychain, the emulator. --sync-drawings downloads the current set and prints a summary (a
// second run skips everything as unchanged and fetches no file); --list-drawings prints what
// is stored, as a table or JSON, with the emulator stopped.
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "signedinseed.h"
#include "testhome.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr int Sheets = 8;
}

class TestCliDrawings final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void syncPrintsASummary();
    void secondSyncSkipsEverything();
    void unknownProjectFails();
    void listAsTableOffline();
    void listAsJsonOffline();
    void listOfAProjectNotKept();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments);
    qint64 storageRequests() const;

    QTemporaryDir m_home;
    EmulatorProcess m_emulator;
    qint64 m_project = 0;
};

void TestCliDrawings::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain");
    QVERIFY(m_home.isValid());
    TestHome::use(m_home.path());
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("20"),
                              QStringLiteral("--drawing-sheets"), QString::number(Sheets)}));
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(m_emulator, &store, 20);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    m_project = seeded.projectIds.at(2);
}

TestCliDrawings::Run TestCliDrawings::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH),
                  QStringList{QStringLiteral("--login-url"), m_emulator.loginUrl().toString(),
                              QStringLiteral("--api-url"), m_emulator.apiUrl().toString(),
                              QStringLiteral("--language"), QStringLiteral("en")} +
                      arguments);
    Run result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

qint64 TestCliDrawings::storageRequests() const
{
    qint64 total = 0;
    const QJsonObject requests = m_emulator.counters().value(QStringLiteral("requests")).toObject();
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        if (it.key().startsWith(u"storage:"))
            total += it.value().toInteger();
    }
    return total;
}

void TestCliDrawings::syncPrintsASummary()
{
    const Run result = run({QStringLiteral("--sync-drawings"), QStringLiteral("--project"),
                            QString::number(m_project)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("%1 sheets kept offline").arg(Sheets)),
             qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral("downloaded: %1").arg(Sheets)));
    QVERIFY(result.out.contains(QStringLiteral("skipped as unchanged: 0")));
    QVERIFY(result.out.contains(QStringLiteral("time: ")));
    QVERIFY2(result.err.contains(QStringLiteral("Downloading %1 sheets").arg(Sheets)),
             qPrintable(result.err));
    QCOMPARE(storageRequests(), Sheets);
    QCOMPARE(m_emulator.counters().value(QStringLiteral("storageAuthorizationHeaders")).toInt(), 0);
}

void TestCliDrawings::secondSyncSkipsEverything()
{
    QVERIFY(m_emulator.resetCounters());
    const Run result = run({QStringLiteral("--sync-drawings"), QStringLiteral("--project"),
                            QString::number(m_project)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QStringLiteral("downloaded: 0")));
    QVERIFY(result.out.contains(QStringLiteral("skipped as unchanged: %1").arg(Sheets)));
    QCOMPARE(storageRequests(), 0);
}

void TestCliDrawings::unknownProjectFails()
{
    const Run result = run(
        {QStringLiteral("--sync-drawings"), QStringLiteral("--project"), QStringLiteral("999999")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(!result.err.isEmpty());
}

void TestCliDrawings::listAsTableOffline()
{
    m_emulator.stop();
    const Run result = run({QStringLiteral("--list-drawings"), QStringLiteral("--project"),
                            QString::number(m_project)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), Sheets + 1);
    QVERIFY(lines.constFirst().contains(QStringLiteral("rev ")));
    QVERIFY(lines.constLast().startsWith(QStringLiteral("%1 sheets, ").arg(Sheets)));
}

void TestCliDrawings::listAsJsonOffline()
{
    const Run result = run({QStringLiteral("--list-drawings"), QStringLiteral("--project"),
                            QString::number(m_project), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject root = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(root.value(QStringLiteral("project_id")).toString(), QString::number(m_project));
    const QJsonArray sheets = root.value(QStringLiteral("sheets")).toArray();
    QCOMPARE(sheets.size(), Sheets);
    for (const QJsonValue &sheet : sheets) {
        const QString file = sheet.toObject().value(QStringLiteral("file")).toString();
        QVERIFY2(QFileInfo(file).isFile(), qPrintable(file));
        QVERIFY(file.startsWith(m_home.path()));
        QCOMPARE(QFileInfo(file).size(),
                 sheet.toObject().value(QStringLiteral("size")).toInteger());
    }
}

void TestCliDrawings::listOfAProjectNotKept()
{
    const Run result = run(
        {QStringLiteral("--list-drawings"), QStringLiteral("--project"), QStringLiteral("424242")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("--sync-drawings --project 424242")),
             qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TestCliDrawings)
#include "tst_clidrawings.moc"
