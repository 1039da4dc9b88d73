// The app's behaviour without its window, against the emulator over real HTTP: first run,
// sign-in, companies and projects, the offline copy, deep links kept through a sign-in, a
// revoked grant, a company without the app, and sign-out.
#include "api/apiclient.h"
#include "auth/memorytokenstore.h"
#include "browserflow.h"
#include "drawings/offlinedrawings.h"
#include "emulatorprocess.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "signedinseed.h"
#include "storage/loginprofile.h"

#include <QDir>
#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

class TestSession final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void firstRunNeedsSignIn();
    void lockedKeychainAtStartSaysSo();
    void signInLoadsUserCompaniesAndProjects();
    void freeAndInactiveCompanies();
    void pagingSlowsDownBeforeTheRateLimit();
    void deniedSignInKeepsAppUsable();
    void caughtRedirectSignsInOrEndsTheAttempt_data();
    void caughtRedirectSignsInOrEndsTheAttempt();
    void linkBeforeSignInIsAppliedAfter();
    void unknownProjectLinkIsReported();
    void revokedGrantAsksToSignInAgainAndKeepsCompany();
    void offlineStartShowsCachedProjects();
    void companyWithoutAppIsExplained_data();
    void companyWithoutAppIsExplained();
    void webLinksUseTheCompanyZone();
    void webLinksFallBackWhenTheZoneCallFails();
    void signOutWipesTokensAndCache();
    void returningUserSeesCacheAtOnceAndCanSignOutBeforeKeychainAnswers();
    void undeletableProfileIsFinishedOnNextStart();

private:
    // pageSize 0: the API client's default.
    std::unique_ptr<Session> makeSession(int pageSize = 0);
    // start(), sign in, and wait until the first company's projects are in.
    void signInAndLoad(Session &session);
    QList<qint64> companyIds() const;

    static constexpr int projectsPerCompany = 450;
    EmulatorProcess m_emulator;
    std::unique_ptr<QTemporaryDir> m_cacheDir;
    std::unique_ptr<MemoryTokenStore> m_storePtr;
    QNetworkAccessManager m_network;
};

void TestSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_session"));
}

void TestSession::init()
{
    QSettings().clear();
    m_cacheDir = std::make_unique<QTemporaryDir>();
    m_storePtr = std::make_unique<MemoryTokenStore>();
    QVERIFY2(m_emulator.start({QStringLiteral("--companies"), QStringLiteral("3"),
                               QStringLiteral("--projects"), QString::number(projectsPerCompany)}),
             qPrintable(m_emulator.errorString()));
}

void TestSession::cleanup()
{
    m_emulator.stop();
}

std::unique_ptr<Session> TestSession::makeSession(int pageSize)
{
    const Session::Parts parts =
        Session::makeParts(SignedInSeed::environment(m_emulator), SignedInSeed::client(),
                           m_storePtr.get(), &m_network);
    if (pageSize > 0)
        parts.api->setPageSize(pageSize);
    return std::make_unique<Session>(parts, m_cacheDir->path());
}

void TestSession::signInAndLoad(Session &session)
{
    session.start();
    QTRY_COMPARE(session.state(), Session::State::SignedOut);
    QVERIFY(SignedInSeed::signIn(session));
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == Session::State::SignedIn && !session.isLoading() &&
                                 session.projects()->count() == projectsPerCompany,
                             20000);
}

QList<qint64> TestSession::companyIds() const
{
    QList<qint64> ids;
    for (const QJsonValue &id : m_emulator.data().value(QStringLiteral("companies")).toArray())
        ids << id.toInteger();
    return ids;
}

void TestSession::firstRunNeedsSignIn()
{
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QVERIFY2(!session->problem().isError(), "a first run is not a problem");
    QCOMPARE(session->projects()->count(), 0);
}

// Found by tests/faults: a start with the keychain locked said "Procore asked you to sign in
// again", sending the user to Procore instead of to their keychain.
void TestSession::lockedKeychainAtStartSaysSo()
{
    QSettings().setValue(
        QStringLiteral("accounts/%1/lastUser").arg(SignedInSeed::environment(m_emulator).key()),
        QStringLiteral("5368709123"));
    const QString locked = QStringLiteral("The system keychain is locked. Unlock it.");
    m_storePtr->setFailure(
        ProcoreError(ProcoreError::Kind::Keychain, locked, QStringLiteral("test: locked")));
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    // Still a sign-in problem (the window offers Sign in), in the keychain's words.
    QCOMPARE(session->problem().kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY2(session->problem().message.startsWith(locked), qPrintable(session->problem().message));
}

void TestSession::signInLoadsUserCompaniesAndProjects()
{
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE(session->state(), Session::State::SignedIn);
    QTRY_COMPARE_WITH_TIMEOUT(session->projects()->count(), projectsPerCompany, 20000);
    QTRY_VERIFY(!session->isLoading());
    QCOMPARE(session->user().login, EmulatorProcess::demoEmail());
    QCOMPARE(session->companies().size(), 3);
    QVERIFY(session->currentCompanyId() != 0);
    QVERIFY(!session->currentCompanyName().isEmpty());
    QVERIFY(session->lastSynced().isValid());
    QVERIFY(!session->isOffline());
    QVERIFY(!session->problem().isError());
    QCOMPARE(m_storePtr->entries().size(), 1);
    QVERIFY(!QDir(m_cacheDir->path()).entryList(QDir::Files).isEmpty());
    const qint64 first = session->projects()->projectAt(0).id;
    QCOMPARE(session->projectWebUrl(first).path(), QStringLiteral("/%1/project/home").arg(first));
    // Procore lists active projects only unless asked: the inactive ones are here too, in two
    // requests of 300 for 450 projects.
    int inactive = 0;
    for (const Project &project : session->projects()->projects())
        inactive += project.active ? 0 : 1;
    QVERIFY(inactive > 0 && inactive < projectsPerCompany);
    QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects")), 2);
}

// A free-plan company is listed (include_free_companies=true); an inactive company only when the
// user still sees projects there.
void TestSession::freeAndInactiveCompanies()
{
    const QList<qint64> ids = companyIds();
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("freeCompanies"), QJsonArray{ids.at(0)}},
         {QStringLiteral("inactiveCompanies"), QJsonArray{ids.at(1), ids.at(2)}},
         {QStringLiteral("emptyCompanies"), QJsonArray{ids.at(2)}}}));
    auto session = makeSession();
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    QList<qint64> listed;
    for (const Company &company : session->companies())
        listed << company.id;
    QCOMPARE(listed, (QList<qint64>{ids.at(0), ids.at(1)}));
    QCOMPARE(session->currentCompanyId(), ids.at(0));
    session->selectCompany(ids.at(1));
    QTRY_VERIFY_WITH_TIMEOUT(
        !session->isLoading() && session->projects()->count() == projectsPerCompany, 20000);
}

void TestSession::deniedSignInKeepsAppUsable()
{
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QSignalSpy failed(session.get(), &Session::signInFailed);
    QVERIFY(SignedInSeed::signIn(*session, nullptr, BrowserFlow::Decision::Deny));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<ProcoreError>().kind, ProcoreError::Kind::AccessDeclined);
    QCOMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(m_storePtr->entries().isEmpty() || m_storePtr->entries().begin()->isEmpty());
    // The next attempt works.
    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE(session->state(), Session::State::SignedIn);
}

// What the login window caught goes to completeSignIn(). Procore's real answer signs in, also
// with a fragment a browser appended; anything else is refused and ends the attempt at once,
// because the window that caught it is gone: the session never waits in SigningIn for nothing.
void TestSession::caughtRedirectSignsInOrEndsTheAttempt_data()
{
    QTest::addColumn<QString>("userInfo");
    QTest::addColumn<QString>("pathSuffix");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<bool>("taken");
    QTest::newRow("as caught") << QString() << QString() << QString() << true;
    QTest::newRow("fragment appended") << QString() << QString() << QStringLiteral("_=_") << true;
    QTest::newRow("user info") << QStringLiteral("intruder") << QString() << QString() << false;
    QTest::newRow("other path") << QString() << QStringLiteral("x") << QString() << false;
}

void TestSession::caughtRedirectSignsInOrEndsTheAttempt()
{
    QFETCH(QString, userInfo);
    QFETCH(QString, pathSuffix);
    QFETCH(QString, fragment);
    QFETCH(bool, taken);
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QSignalSpy urls(session.get(), &Session::authorizationUrlReady);
    session->signIn(ProcoreAuth::SignInMode::Embedded);
    QTRY_VERIFY(!urls.isEmpty());
    const auto flow = BrowserFlow::runAsDemoUser(urls.at(0).at(0).toUrl());
    QVERIFY2(!flow.redirect.isEmpty(), qPrintable(flow.error));
    QCOMPARE(session->state(), Session::State::SigningIn);
    QUrl caught = flow.redirect;
    caught.setUserInfo(userInfo);
    caught.setPath(caught.path() + pathSuffix);
    if (!fragment.isEmpty())
        caught.setFragment(fragment);

    const ProcoreError refused = session->completeSignIn(caught);
    if (taken) {
        QVERIFY2(!refused, qPrintable(refused.detail));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedIn, 10000);
        return;
    }
    QCOMPARE(refused.kind, ProcoreError::Kind::Config);
    QVERIFY(!refused.message.isEmpty());
    QCOMPARE(session->state(), Session::State::SignedOut); // at once, not after a timeout
    QCOMPARE(m_emulator.counter("tokensIssued"), 0);       // the code was never sent
    // Nothing is left armed: the real answer, late, is ignored (no exchange starts); a new
    // attempt signs in.
    QVERIFY(!session->completeSignIn(flow.redirect));
    QCOMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedIn, 10000);
}

void TestSession::linkBeforeSignInIsAppliedAfter()
{
    const QList<qint64> companies = companyIds();
    QCOMPARE(companies.size(), 3);
    // A project of the third company: the session has to switch company to find it.
    auto probe = makeSession();
    probe->start();
    QTRY_COMPARE(probe->state(), Session::State::SignedOut);
    QVERIFY(SignedInSeed::signIn(*probe));
    QTRY_COMPARE(probe->state(), Session::State::SignedIn);
    QTRY_VERIFY(probe->currentCompanyId() != 0);
    probe->selectCompany(companies.at(2));
    QTRY_COMPARE(probe->currentCompanyId(), companies.at(2));
    QTRY_VERIFY_WITH_TIMEOUT(!probe->isLoading() && probe->projects()->count() > 0, 20000);
    const qint64 wanted = probe->projects()->projectAt(projectsPerCompany - 1).id;
    probe->signOut();
    QTRY_COMPARE(probe->state(), Session::State::SignedOut);
    probe.reset();
    QSettings().clear();

    auto session = makeSession();
    QSignalSpy focus(session.get(), &Session::projectFocusRequested);
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    session->openLink(DeepLink{wanted, companies.at(2)});
    QCOMPARE(session->pendingLink().projectId, wanted);
    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE_WITH_TIMEOUT(focus.count(), 1, 20000);
    QCOMPARE(focus.at(0).at(0).toLongLong(), wanted);
    QCOMPARE(session->currentCompanyId(), companies.at(2));
    QVERIFY(session->projects()->indexOfProject(wanted) >= 0);
    QVERIFY(!session->pendingLink().isValid());
}

void TestSession::unknownProjectLinkIsReported()
{
    auto session = makeSession();
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy failed(session.get(), &Session::linkFailed);
    session->openLink(DeepLink{987654321});
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).value<ProcoreError>().message.contains(QStringLiteral("987654321")));
    session->openLink(DeepLink{5, 777});
    QTRY_COMPARE(failed.count(), 2);
    QVERIFY(failed.at(1).at(0).value<ProcoreError>().message.contains(QStringLiteral("777")));
    QCOMPARE(session->state(), Session::State::SignedIn);
    QCOMPARE(session->projects()->count(), projectsPerCompany);
}

void TestSession::revokedGrantAsksToSignInAgainAndKeepsCompany()
{
    const QList<qint64> companies = companyIds();
    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE(session->state(), Session::State::SignedIn);
    QTRY_VERIFY(session->currentCompanyId() != 0);
    session->selectCompany(companies.at(1));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() > 0, 20000);

    QVERIFY(m_emulator.revokeAllGrants());
    session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, 10000);
    QCOMPARE(session->problem().kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY(!session->problem().message.isEmpty());
    QCOMPARE(session->currentCompanyId(), companies.at(1));
    QCOMPARE(session->projects()->count(), projectsPerCompany);

    QVERIFY(SignedInSeed::signIn(*session));
    QTRY_COMPARE(session->state(), Session::State::SignedIn);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && !session->problem().isError(), 20000);
    QCOMPARE(session->currentCompanyId(), companies.at(1));
}

void TestSession::offlineStartShowsCachedProjects()
{
    {
        auto session = makeSession();
        signInAndLoad(*session);
        if (QTest::currentTestFailed())
            return;
    }
    m_emulator.stop();

    auto session = makeSession();
    session->start();
    QTRY_COMPARE(session->state(), Session::State::SignedIn);
    QTRY_VERIFY_WITH_TIMEOUT(session->isOffline(), 20000);
    QCOMPARE(session->projects()->count(), projectsPerCompany);
    QVERIFY(session->lastSynced().isValid());
    QCOMPARE(session->problem().kind, ProcoreError::Kind::Offline);
    QVERIFY(!session->problem().message.isEmpty());
    // Who and where, from the account cache.
    QCOMPARE(session->user().login, EmulatorProcess::demoEmail());
    QCOMPARE(session->companies().size(), 3);
    QVERIFY(!session->currentCompanyName().isEmpty());
}

// Procore answers 403, or 401 even to a fresh token, for a company that has not installed the
// app. Either way: the message names the company and what to ask, the user stays signed in
// with the same grant, other companies load, at most one refresh is spent (only the first time
// a 401 is seen), and the next start does not open that company first.
void TestSession::companyWithoutAppIsExplained_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<int>("refreshes");
    QTest::newRow("403") << QStringLiteral("forbiddenCompanies") << 0;
    QTest::newRow("401") << QStringLiteral("unauthorizedCompanies") << 1;
}

void TestSession::companyWithoutAppIsExplained()
{
    QFETCH(QString, setting);
    QFETCH(int, refreshes);
    const QList<qint64> companies = companyIds();
    const qint64 without = companies.at(1);
    QVERIFY(m_emulator.configure(QJsonObject{{setting, QJsonArray{without}}}));
    auto session = makeSession();
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(session->currentCompanyId() != without);
    QVERIFY(m_emulator.resetCounters());
    const auto counter = [this](const QString &name) {
        return m_emulator.counters().value(name).toInt();
    };
    QString name;
    for (const Company &company : session->companies()) {
        if (company.id == without)
            name = company.name;
    }
    for (int visit = 1; visit <= 2; ++visit) {
        session->selectCompany(without);
        QTRY_COMPARE_WITH_TIMEOUT(session->problem().kind, ProcoreError::Kind::Forbidden, 10000);
        QVERIFY2(session->problem().message.contains(name), qPrintable(session->problem().message));
        QVERIFY(session->problem().message.contains(QLatin1String("administrator")));
        QCOMPARE(session->projects()->count(), 0);
        QCOMPARE(session->state(), Session::State::SignedIn);
        QCOMPARE(counter(QStringLiteral("refreshes")), refreshes);
        // Another company still loads on the same sign-in, and the banner goes.
        session->selectCompany(companies.at(2));
        QTRY_VERIFY_WITH_TIMEOUT(
            !session->isLoading() && session->projects()->count() == projectsPerCompany, 20000);
        QVERIFY(!session->problem().isError());
    }
    QCOMPARE(counter(QStringLiteral("refreshes")), refreshes);
    QCOMPARE(counter(QStringLiteral("tokensIssued")), refreshes);
    // The last choice is the company without the app; the next start opens another one, on
    // the stored grant, and spends no refresh on the first.
    session->selectCompany(without);
    QTRY_COMPARE_WITH_TIMEOUT(session->problem().kind, ProcoreError::Kind::Forbidden, 10000);
    session.reset();
    auto next = makeSession();
    next->start();
    QTRY_VERIFY_WITH_TIMEOUT(next->state() == Session::State::SignedIn && !next->isLoading() &&
                                 next->projects()->count() == projectsPerCompany,
                             20000);
    QVERIFY(next->currentCompanyId() != without);
    QVERIFY(!next->problem().isError());
    QCOMPARE(counter(QStringLiteral("refreshes")), refreshes);
}

// Every link into Procore's web app is on the company's zone host (company_base_url), asked
// once per company for the account's lifetime: switching back and forth and starting again
// asks no more.
// X-Rate-Limit-Remaining running low slows the paging down instead of running into 429: the
// listing uses at most half of what remains and waits for the window's end, and the session
// says it is waiting (the window's status line shows it).
void TestSession::pagingSlowsDownBeforeTheRateLimit()
{
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("rateLimit"), 10}, {QStringLiteral("rateWindow"), 4}}));
    // 9 pages for 450 projects, after /me and /companies: more than the 10 a window allows.
    auto session = makeSession(50);
    QList<QDateTime> waits;
    connect(session.get(), &Session::syncStatusChanged, session.get(), [&] {
        if (session->rateLimitWait().isValid())
            waits << session->rateLimitWait();
    });
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("rateLimited")).toInt(), 0);
    QCOMPARE(counters.value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.1/projects"))
                 .toInt(),
             9);
    QVERIFY2(!waits.isEmpty(), "the session never said it waited on the rate limit");
    QVERIFY(!session->rateLimitWait().isValid());
    QSet<qint64> ids;
    for (const Project &project : session->projects()->projects())
        ids.insert(project.id);
    QCOMPARE(ids.size(), projectsPerCompany);
}

void TestSession::webLinksUseTheCompanyZone()
{
    const QString zoneHost = QStringLiteral("https://us02.procore.com");
    QVERIFY(m_emulator.configure({{QStringLiteral("webBaseUrl"), zoneHost}}));
    const QList<qint64> companies = companyIds();
    const auto zoneCalls = [this] {
        return m_emulator.requests(QStringLiteral("api:/rest/v1.0/company_base_url"));
    };
    {
        auto session = makeSession();
        signInAndLoad(*session);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY(!session->isLoading());
        const qint64 first = session->projects()->projectAt(0).id;
        QCOMPARE(session->projectWebUrl(first),
                 QUrl(zoneHost + QStringLiteral("/%1/project/home").arg(first)));
        QCOMPARE(zoneCalls(), 1);
        const qint64 home = session->currentCompanyId();
        const qint64 other = home == companies.at(0) ? companies.at(1) : companies.at(0);
        for (const qint64 company : {other, home, other}) {
            session->selectCompany(company);
            QTRY_VERIFY_WITH_TIMEOUT(
                !session->isLoading() && session->projects()->count() == projectsPerCompany, 20000);
        }
        QCOMPARE(session->projectWebUrl(7).host(), QStringLiteral("us02.procore.com"));
        QCOMPARE(zoneCalls(), 2);
    }
    auto again = makeSession();
    again->start();
    QTRY_VERIFY_WITH_TIMEOUT(again->state() == Session::State::SignedIn && !again->isLoading() &&
                                 again->projects()->count() == projectsPerCompany,
                             20000);
    QCOMPARE(again->projectWebUrl(7).host(), QStringLiteral("us02.procore.com"));
    QCOMPARE(zoneCalls(), 2);
}

// Only when company_base_url fails do links use the environment's own web host, with a log
// line saying so.
void TestSession::webLinksFallBackWhenTheZoneCallFails()
{
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("webBaseUrl"), QStringLiteral("https://us02.procore.com")}}));
    QVERIFY(m_emulator.setFault(
        {{QStringLiteral("kind"), QStringLiteral("5xx")},
         {QStringLiteral("count"), -1},
         {QStringLiteral("path"), QStringLiteral("/rest/v1.0/company_base_url")}}));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("company_base_url failed")));
    auto session = makeSession();
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading(), 20000);
    const QUrl url = session->projectWebUrl(42);
    QCOMPARE(url.host(), session->environment().webUrl().host());
    QCOMPARE(url.port(), session->environment().webUrl().port());
    QCOMPARE(url.path(), QStringLiteral("/42/project/home"));
    QVERIFY(!session->problem().isError()); // a link host is no reason for a banner
}

void TestSession::signOutWipesTokensAndCache()
{
    auto session = makeSession();
    signInAndLoad(*session);
    if (QTest::currentTestFailed())
        return;
    // One project's drawings kept offline, another's still downloading when the user signs out.
    OfflineDrawings *drawings = session->drawings();
    QSignalSpy synced(drawings, &OfflineDrawings::syncFinished);
    const qint64 first = session->projects()->projectAt(0).id;
    drawings->sync(first, QStringLiteral("First"));
    QVERIFY(synced.wait(30000));
    QVERIFY(drawings->isKept(first));
    const auto pdfs = [&] {
        QStringList found;
        QDirIterator it(session->drawingsDirectory(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        return found;
    };
    QVERIFY(!pdfs().isEmpty());
    drawings->sync(session->projects()->projectAt(1).id, QStringLiteral("Second"));
    QSignalSpy signedOut(session.get(), &Session::signedOut);
    session->signOut();
    QTRY_COMPARE(signedOut.count(), 1);
    QCOMPARE(session->state(), Session::State::SignedOut);
    QCOMPARE(session->projects()->count(), 0);
    QVERIFY2(pdfs().isEmpty(), qPrintable(pdfs().join(u' ')));
    QVERIFY(drawings->keptProjects().isEmpty());
    for (const TokenSet &tokens : m_storePtr->entries())
        QVERIFY(tokens.isEmpty());
    QVERIFY2(QDir(m_cacheDir->path()).entryList(QDir::Files).isEmpty(),
             "sign-out leaves no project or account data behind");
    QCOMPARE(m_emulator.requests(QStringLiteral("login:/oauth/revoke")), 1);
}

void TestSession::returningUserSeesCacheAtOnceAndCanSignOutBeforeKeychainAnswers()
{
    {
        auto session = makeSession();
        signInAndLoad(*session);
        if (QTest::currentTestFailed())
            return;
    }
    auto session = makeSession();
    session->start();
    // Before the (asynchronous) token store has answered, the last list is already there.
    QCOMPARE(session->state(), Session::State::Starting);
    QCOMPARE(session->projects()->count(), projectsPerCompany);
    QCOMPARE(session->user().login, EmulatorProcess::demoEmail());

    QSignalSpy signedOut(session.get(), &Session::signedOut);
    session->signOut();
    QTRY_COMPARE(signedOut.count(), 1);
    QCOMPARE(session->state(), Session::State::SignedOut);
    for (const TokenSet &tokens : m_storePtr->entries())
        QVERIFY2(tokens.isEmpty(), "the stored grant must go even if sign-out came first");
    QTRY_COMPARE(m_emulator.requests(QStringLiteral("login:/oauth/revoke")), 1);
    QCOMPARE(session->projects()->count(), 0);
}

namespace {
// A file the wipe cannot delete: immutable for root (who ignores permissions), in a
// read-only folder for anyone else. Like a cookie file Windows keeps locked.
bool setUndeletable(const QString &folder, const QString &file, bool undeletable)
{
    if (::geteuid() == 0)
        return QProcess::execute(
                   QStringLiteral("chattr"),
                   {undeletable ? QStringLiteral("+i") : QStringLiteral("-i"), file}) == 0;
    const auto mode = QFile::ReadOwner | QFile::ExeOwner |
                      (undeletable ? QFile::Permissions() : QFile::WriteOwner);
    return QFile::setPermissions(folder, mode);
}

QStringList leftOf(const QString &profile)
{
    const QFileInfo info(profile);
    return info.absoluteDir().entryList({info.fileName() + u'*'},
                                        QDir::Dirs | QDir::NoDotAndDotDot);
}
} // namespace

// The sign-in window's profile holds Procore's web session. A delete that is cut short must
// not leave a profile a sign-in would use again, and the next start finishes it.
void TestSession::undeletableProfileIsFinishedOnNextStart()
{
    QTemporaryDir root;
    const QString profile = root.filePath(QStringLiteral("login-profile"));
    const QString folder = QDir(profile).filePath(QStringLiteral("Default"));
    const QString cookies = QDir(folder).filePath(QStringLiteral("Cookies"));
    {
        auto session = makeSession();
        session->setLoginProfileDir(profile);
        signInAndLoad(*session);
        if (QTest::currentTestFailed())
            return;
        // The offline copies name the user: owner-only.
        const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                            QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        const QFileInfoList copies = QDir(m_cacheDir->path()).entryInfoList(QDir::Files);
        QVERIFY(copies.size() >= 2); // the account and the projects
        for (const QFileInfo &copy : copies)
            QCOMPARE(copy.permissions() & others, QFileDevice::Permissions());
        QCOMPARE(QFileInfo(m_cacheDir->path()).permissions() & others, QFileDevice::Permissions());

        QVERIFY(LoginProfile::prepare(profile));
        QVERIFY(QDir().mkpath(folder));
        QFile file(cookies);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("session=procore-web-session");
        file.close();
        QVERIFY(setUndeletable(folder, cookies, true));
        auto undo = qScopeGuard([&] {
            setUndeletable(folder, cookies, false);
            for (const QString &name : leftOf(profile))
                setUndeletable(root.filePath(name + QStringLiteral("/Default")),
                               root.filePath(name + QStringLiteral("/Default/Cookies")), false);
        });

        QSignalSpy signedOut(session.get(), &Session::signedOut);
        QSignalSpy incomplete(session.get(), &Session::signOutIncomplete);
        session->signOut();
        QTRY_COMPARE(signedOut.count(), 1);
        QCOMPARE(incomplete.count(), 1);
        QVERIFY(incomplete.at(0).at(0).value<ProcoreError>().message.contains(profile));
        QVERIFY2(!QFileInfo::exists(profile), "no half profile where the next sign-in looks");
        QCOMPARE(leftOf(profile).size(), 1); // the tombstone
        // The lock goes (the other program closed the file) when `undo` runs.
    }
    QCOMPARE(leftOf(profile).size(), 1);
    auto session = makeSession();
    session->setLoginProfileDir(profile);
    session->start();
    QCOMPARE(leftOf(profile), QStringList());
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
