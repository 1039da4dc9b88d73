// procore-desktop's terminal mode, as a user runs it: the real executable, the real Secret
// Service keychain and the emulator. --list-projects prints every project of the company
// (table or JSON), says how to sign in when there is no sign-in (exit 1), and --sign-out
// revokes and wipes the stored sign-in, an orphaned keychain entry included.
#include "auth/accountsettings.h"
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "filescontaining.h"
#include "model/project.h"
#include "model/projectcache.h"
#include "signedinseed.h"
#include "storage/loginprofile.h"
#include "testhome.h"
#include "testhttp.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestCliMode final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void notSignedInExitsOneWithAdvice();
    void helpNamesEnvironmentsAndCredentials();
    void listProjectsAsJson();
    void listProjectsAsTable();
    void listProjectsOfAnotherCompany();
    void unknownCompanyIsRefused();
    void companyWithoutAppKeepsTheSignIn();
    void badArgumentsAreUsageErrors_data();
    void badArgumentsAreUsageErrors();
    void linkWithOptionsChangesNothing_data();
    void linkWithOptionsChangesNothing();
    void signOutWipesTheKeychain();
    void signOutFindsAnOrphanedEntry();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, const EmulatorProcess &emulator);
    Run runBare(const QStringList &arguments);
    QStringList keychainEntries() const;
    QStringList ourEntries() const;
    int revokeCount() const;

    QTemporaryDir m_home;
    EmulatorProcess m_emulator;
    EmulatorProcess m_unused; // an environment nobody signed in to
    QList<qint64> m_companies;
    QList<qint64> m_firstCompanyProjects;
};

void TestCliMode::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain");
    // A HOME of its own (the keyring stays the session's, over D-Bus), so what sign-out leaves
    // behind is this suite's alone to find. Set before anything reads the settings.
    QVERIFY(m_home.isValid());
    TestHome::use(m_home.path());
    // Every company's web app in a zone of its own host, as company_base_url says.
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("700"),
                              QStringLiteral("--web-base-url"),
                              QStringLiteral("https://us02.procore.com")}));
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
    return runBare(QStringList{QStringLiteral("--login-url"), emulator.loginUrl().toString(),
                               QStringLiteral("--api-url"), emulator.apiUrl().toString()} +
                   arguments);
}

// As a desktop would start it: the environment comes from the settings alone.
TestCliMode::Run TestCliMode::runBare(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH), arguments);
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
    // Other suites add and delete entries in the same keyring meanwhile; a search that meets
    // an item being deleted fails, so it is asked again.
    QByteArray found;
    for (int attempt = 0; attempt < 5; ++attempt) {
        QProcess search;
        search.setProcessChannelMode(QProcess::MergedChannels); // attributes go to stderr
        search.start(QStringLiteral("secret-tool"),
                     {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                      KeychainTokenStore::serviceName()});
        search.waitForFinished(10000);
        found = search.readAll();
        if (search.exitStatus() == QProcess::NormalExit && search.exitCode() == 0)
            break;
        QTest::qWait(200);
    }
    QStringList users;
    for (const QByteArray &line : found.split('\n')) {
        if (line.startsWith("attribute.user = "))
            users << QString::fromUtf8(line.mid(17));
    }
    return users;
}

QStringList TestCliMode::ourEntries() const
{
    // Other suites share the keyring; this environment's entries are ours.
    const QString ours = SignedInSeed::environment(m_emulator).key() + QLatin1Char('/');
    QStringList found;
    for (const QString &user : keychainEntries()) {
        if (user.startsWith(ours))
            found << user;
    }
    return found;
}

int TestCliMode::revokeCount() const
{
    return m_emulator.requests(QStringLiteral("login:/oauth/revoke"));
}

void TestCliMode::notSignedInExitsOneWithAdvice()
{
    const Run result = run({QStringLiteral("--list-projects")}, m_unused);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("--sign-in"), result.err.constData());
}

// Which environments there are and which app credentials each takes: the monthly and
// on-demand sandboxes take production's, the Federal Zone its own registration.
void TestCliMode::helpNamesEnvironmentsAndCredentials()
{
    const Run result = runBare({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    const QByteArray help = result.out.simplified();
    for (const QByteArray &needle :
         {QByteArray("federal"), QByteArray("login.procoregov.com"),
          QByteArray("api.procoregov.com"),
          QByteArray("monthly (the monthly sandbox, with production credentials)"),
          QByteArray("on-demand sandbox is on the production hosts with production credentials"),
          QByteArray("sandbox (the developer sandbox, with its own sandbox app credentials)")})
        QVERIFY2(help.contains(needle), needle.constData());
}

void TestCliMode::listProjectsAsJson()
{
    QVERIFY(m_emulator.resetCounters());
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
    // web_url: the project's page on its company's zone host, asked once for the account (by
    // the signed-in seed's window session: the terminal reads the same account cache).
    for (const QJsonValue &project : document.array()) {
        QCOMPARE(project[QStringLiteral("web_url")].toString(),
                 QStringLiteral("https://us02.procore.com/%1/project/home")
                     .arg(project[QStringLiteral("id")].toInteger()));
    }
    const Run again =
        run({QStringLiteral("--list-projects"), QStringLiteral("--json")}, m_emulator);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.0/company_base_url")), 0);
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

// A company answering 401 to a good token has not installed the app: the listing fails with
// the "not connected" message (exit 2, not "sign in"), one refresh is spent the first time and
// none after (the settings remember the company), and another company lists on the same
// stored sign-in.
void TestCliMode::companyWithoutAppKeepsTheSignIn()
{
    const qint64 without = m_companies.at(1);
    QVERIFY(m_emulator.configure({{QStringLiteral("unauthorizedCompanies"), QJsonArray{without}}}));
    QVERIFY(m_emulator.resetCounters());
    const QStringList list{QStringLiteral("--list-projects"), QStringLiteral("--company"),
                           QString::number(without)};
    for (int attempt = 1; attempt <= 2; ++attempt) {
        const Run result = run(list, m_emulator);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("not connected") && result.err.contains("administrator"),
                 result.err.constData());
        QVERIFY2(!result.err.contains("--sign-in"), result.err.constData());
        QCOMPARE(m_emulator.counter("refreshes"), 1);
    }
    const Run other = run({QStringLiteral("--list-projects"), QStringLiteral("--company"),
                           QString::number(m_companies.first())},
                          m_emulator);
    QCOMPARE(other.exitCode, 0);
    QVERIFY(other.out.contains("700 projects"));
    QCOMPARE(m_emulator.counter("refreshes"), 1);
    QVERIFY(m_emulator.configure({{QStringLiteral("unauthorizedCompanies"), QJsonArray{}}}));
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

// One link that a launcher split into several arguments, with the settings pointing at the
// environment the user is signed in to: refused with exit 64, and the sign-in is untouched.
void TestCliMode::linkWithOptionsChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString link = QStringLiteral("procore-desktop://project/1");
    const QString sep = QStringLiteral("--");
    const QString signOut = QStringLiteral("--sign-out");
    QTest::newRow("link --sign-out") << QStringList{link, signOut};
    QTest::newRow("-- link --sign-out") << QStringList{sep, link, signOut};
    QTest::newRow("--sign-out -- link") << QStringList{signOut, sep, link};
    QTest::newRow("link --list-projects --json")
        << QStringList{link, QStringLiteral("--list-projects"), QStringLiteral("--json")};
    QTest::newRow("link --api-url --login-url --sign-in")
        << QStringList{link,
                       QStringLiteral("--api-url"),
                       QStringLiteral("http://127.0.0.1:9/"),
                       QStringLiteral("--login-url"),
                       m_emulator.loginUrl().toString(),
                       QStringLiteral("--sign-in")};
}

void TestCliMode::linkWithOptionsChangesNothing()
{
    QFETCH(QStringList, arguments);
    QSettings settings;
    settings.setValue(QStringLiteral("environment/loginUrl"), m_emulator.loginUrl().toString());
    settings.setValue(QStringLiteral("environment/apiUrl"), m_emulator.apiUrl().toString());
    settings.sync();
    auto unset = qScopeGuard([] {
        QSettings settings;
        settings.remove(QStringLiteral("environment"));
    });
    const QStringList before = ourEntries();
    QCOMPARE(before.size(), 1);
    const int revokes = revokeCount();
    const QJsonObject requests = m_emulator.counters().value(QStringLiteral("requests")).toObject();

    const Run result = runBare(arguments);
    QCOMPARE(result.exitCode, 64);
    QVERIFY2(result.err.contains("Nothing was changed"), result.err.constData());
    QVERIFY(result.out.isEmpty());
    QCOMPARE(ourEntries(), before);
    QCOMPARE(revokeCount(), revokes);
    QCOMPARE(m_emulator.counters().value(QStringLiteral("requests")).toObject(), requests);
}

namespace {
TokenSet storedTokens(const QString &key)
{
    KeychainTokenStore store;
    QSignalSpy loaded(&store, &TokenStore::loadFinished);
    store.load(key);
    if (!loaded.wait(10000))
        return {};
    return loaded.at(0).at(1).value<TokenSet>();
}
} // namespace

// Terminal sign-out is the window's sign-out: it revokes, deletes the keychain entry, the
// offline copies and the sign-in window's profile, so nothing naming the person is left in
// the HOME (the keyring's own files aside).
void TestCliMode::signOutWipesTheKeychain()
{
    QCOMPARE(ourEntries().size(), 1);
    const Environment environment = SignedInSeed::environment(m_emulator);
    const TokenSet tokens = storedTokens(ourEntries().front());
    QVERIFY(!tokens.accessToken.isEmpty() && !tokens.refreshToken.isEmpty());
    const auto cached = ProjectCache().load(environment.key(), m_companies.first());
    QVERIFY2(cached && cached->projects.size() == 700, "the seed left an offline copy");
    QList<QByteArray> needles{EmulatorProcess::demoEmail().toUtf8(), tokens.accessToken.toUtf8(),
                              tokens.refreshToken.toUtf8(), cached->companyName.toUtf8()};
    for (int i = 0; i < 700; i += 50)
        needles << cached->projects.at(i).name.toUtf8();
    // What the sign-in window leaves in its profile: Procore's web session and the login.
    const QString profile = LoginProfile::defaultDir(environment.key());
    QVERIFY(LoginProfile::prepare(profile));
    QFile cookies(QDir(profile).filePath(QStringLiteral("Cookies")));
    QVERIFY(cookies.open(QIODevice::WriteOnly));
    cookies.write("_procore_session; user=" + EmulatorProcess::demoEmail().toUtf8());
    cookies.close();
    QVERIFY(!filesContaining(m_home.path(), needles).isEmpty());

    const Run result = run({QStringLiteral("--sign-out")}, m_emulator);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains("Signed out"), result.err.constData());
    QVERIFY(ourEntries().isEmpty());
    QCOMPARE(revokeCount(), 1);
    const QStringList left = filesContaining(m_home.path(), needles);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
    QVERIFY(!QFileInfo::exists(profile));

    // The settings name the user's ID and company while signed in: owner-only.
    const QFileInfo settings(QSettings().fileName());
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                        QFile::WriteOther | QFile::ExeOther;
    QVERIFY(settings.exists());
    QCOMPARE(settings.permissions() & others, QFileDevice::Permissions());
    QCOMPARE(QFileInfo(settings.absolutePath()).permissions() & others, QFileDevice::Permissions());

    const Run after = run({QStringLiteral("--list-projects")}, m_emulator);
    QCOMPARE(after.exitCode, 1);
}

// Seen in issue 11: after a refresh that failed in one of two processes, the remembered-user
// setting was gone but the keychain entry was not, and --sign-out said "Signed out" and left
// the entry, tokens included, unrevoked.
void TestCliMode::signOutFindsAnOrphanedEntry()
{
    QVERIFY(ourEntries().isEmpty());
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(m_emulator, &store, 700);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    QCOMPARE(ourEntries().size(), 1);
    const TokenSet tokens = storedTokens(ourEntries().front());
    QVERIFY(!tokens.accessToken.isEmpty());
    AccountSettings account(SignedInSeed::environment(m_emulator).key());
    QVERIFY(!account.lastUser().isEmpty());
    account.setLastUser({});
    const int revokes = revokeCount();
    TestHttp http;
    const QUrl tokenInfo =
        m_emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token/info")));
    const TestHttp::Headers bearer{{"Authorization", "Bearer " + tokens.accessToken.toUtf8()}};
    QCOMPARE(http.get(tokenInfo, bearer).status, 200);

    const Run result = run({QStringLiteral("--sign-out")}, m_emulator);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains("Signed out"), result.err.constData());
    QVERIFY2(ourEntries().isEmpty(), qPrintable(ourEntries().join(u',')));
    QCOMPARE(revokeCount(), revokes + 1);
    QCOMPARE(http.get(tokenInfo, bearer).status, 401);
    QVERIFY(account.entryUsers().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliMode)
#include "tst_climode.moc"
