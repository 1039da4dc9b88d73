// procore-desktop's terminal mode, as a user runs it: the real executable, the real Secret
// Service keychain and the emulator. --list-projects prints every project of the company
// (table or JSON), says how to sign in when there is no sign-in (exit 1), and --sign-out
// revokes and wipes the stored sign-in.
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "model/project.h"
#include "signedinseed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QtTest>

class TestCliMode final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void notSignedInExitsOneWithAdvice();
    void listProjectsAsJson();
    void listProjectsAsTable();
    void listProjectsOfAnotherCompany();
    void unknownCompanyIsRefused();
    void badArgumentsAreUsageErrors_data();
    void badArgumentsAreUsageErrors();
    void signOutWipesTheKeychain();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, const EmulatorProcess &emulator);
    QStringList keychainEntries() const;

    EmulatorProcess m_emulator;
    EmulatorProcess m_unused; // an environment nobody signed in to
    QList<qint64> m_companies;
    QList<qint64> m_firstCompanyProjects;
};

void TestCliMode::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain");
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("700")}));
    QVERIFY(m_unused.start());
    for (const QJsonValue &id : m_emulator.data().value(QStringLiteral("companies")).toArray())
        m_companies << id.toInteger();

    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(m_emulator, &store, 700);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    QCOMPARE(seeded.companyId, m_companies.first());
    m_firstCompanyProjects = seeded.projectIds;
}

void TestCliMode::cleanupTestCase()
{
    m_emulator.stop();
    m_unused.stop();
}

TestCliMode::Run TestCliMode::run(const QStringList &arguments, const EmulatorProcess &emulator)
{
    QProcess process;
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH),
                  QStringList{QStringLiteral("--login-url"), emulator.loginUrl().toString(),
                              QStringLiteral("--api-url"), emulator.apiUrl().toString()} +
                      arguments);
    Run result;
    if (!process.waitForFinished(30000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList TestCliMode::keychainEntries() const
{
    QProcess search;
    search.setProcessChannelMode(QProcess::MergedChannels); // attributes go to stderr
    search.start(QStringLiteral("secret-tool"),
                 {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                  KeychainTokenStore::serviceName()});
    search.waitForFinished(10000);
    QStringList users;
    for (const QByteArray &line : search.readAll().split('\n')) {
        if (line.startsWith("attribute.user = "))
            users << QString::fromUtf8(line.mid(17));
    }
    return users;
}

void TestCliMode::notSignedInExitsOneWithAdvice()
{
    const Run result = run({QStringLiteral("--list-projects")}, m_unused);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("--sign-in"), result.err.constData());
}

void TestCliMode::listProjectsAsJson()
{
    const Run result =
        run({QStringLiteral("--list-projects"), QStringLiteral("--json")}, m_emulator);
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isArray());
    const auto projects = Project::listFromJson(document.array());
    QVERIFY(projects);
    QCOMPARE(projects->size(), 700);
    QSet<qint64> ids;
    for (const Project &project : *projects) {
        ids.insert(project.id);
        QCOMPARE(project.companyId, m_companies.first());
        QVERIFY(!project.name.isEmpty());
    }
    QCOMPARE(ids, QSet<qint64>(m_firstCompanyProjects.cbegin(), m_firstCompanyProjects.cend()));
    QVERIFY2(!result.out.contains("Bearer") && !result.err.contains("Bearer"),
             "no token in the output");
}

void TestCliMode::listProjectsAsTable()
{
    const Run result = run({QStringLiteral("--list-projects")}, m_emulator);
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2 + 700); // title, column header, one line a project
    QVERIFY(lines.at(0).contains("700 projects"));
    QVERIFY(lines.at(1).startsWith("ID"));
    QVERIFY(lines.at(2).startsWith(QByteArray::number(m_firstCompanyProjects.first())));
}

void TestCliMode::listProjectsOfAnotherCompany()
{
    const qint64 company = m_companies.last();
    const Run result = run({QStringLiteral("--list-projects"), QStringLiteral("--json"),
                            QStringLiteral("--company"), QString::number(company)},
                           m_emulator);
    QCOMPARE(result.exitCode, 0);
    const QJsonArray projects = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(projects.size(), 700);
    for (const QJsonValue &project : projects)
        QCOMPARE(project[QStringLiteral("company")][QStringLiteral("id")].toInteger(), company);
}

void TestCliMode::unknownCompanyIsRefused()
{
    const Run result = run({QStringLiteral("--list-projects"), QStringLiteral("--company"),
                            QStringLiteral("123456789")},
                           m_emulator);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("123456789"));
}

void TestCliMode::badArgumentsAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("json alone") << QStringList{QStringLiteral("--json")};
    QTest::newRow("bad company") << QStringList{QStringLiteral("--list-projects"),
                                                QStringLiteral("--company"), QStringLiteral("x")};
}

void TestCliMode::badArgumentsAreUsageErrors()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments, m_emulator);
    QCOMPARE(result.exitCode, 64);
    QVERIFY(!result.err.isEmpty());
}

void TestCliMode::signOutWipesTheKeychain()
{
    // Other suites share the keyring; this environment's entries are ours.
    const QString ours = QStringLiteral("custom:127.0.0.1:%1/").arg(m_emulator.loginUrl().port());
    const auto ourEntries = [this, &ours] {
        QStringList found;
        for (const QString &user : keychainEntries()) {
            if (user.startsWith(ours))
                found << user;
        }
        return found;
    };
    QCOMPARE(ourEntries().size(), 1);
    const Run result = run({QStringLiteral("--sign-out")}, m_emulator);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(ourEntries().isEmpty());
    QCOMPARE(m_emulator.counters()
                 .value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("login:/oauth/revoke"))
                 .toInt(),
             1);
    const Run after = run({QStringLiteral("--list-projects")}, m_emulator);
    QCOMPARE(after.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestCliMode)
#include "tst_climode.moc"
