// ApiClient against the Procore emulator over loopback HTTP: the three calls, token refresh
// (ahead of expiry, on 401, one at a time, failures), rate limits, 5xx, drops, malformed
// answers, forbidden companies, stalls, and where the bearer header goes.
#include "apitesthelpers.h"
#include "emulatortokensource.h"

#include "api/apiclient.h"
#include "api/apijob.h"
#include "api/companiesjob.h"
#include "api/companyzonejob.h"
#include "api/mejob.h"
#include "api/projectsjob.h"
#include "common/appinfo.h"
#include "support/emulatorprocess.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QtTest>

#include <memory>

namespace {
const QString MePath = QStringLiteral("api:/rest/v1.0/me");
}

class TestApiClient final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void meCompaniesProjects();
    void refreshAheadOfExpiry();
    void parallelExpiredTokensOneRefresh();
    void failedRefreshFailsAllWaiting();
    void lostRefreshAnswerMeansSignIn();
    void waitsOutRetryAfter_data();
    void waitsOutRetryAfter();
    void rateLimitTooLongFailsAtOnce();
    void serverErrorsRetriedWithinBounds_data();
    void serverErrorsRetriedWithinBounds();
    void dropsRetriedWithinBounds_data();
    void dropsRetriedWithinBounds();
    void malformedJsonIsBadData_data();
    void malformedJsonIsBadData();
    void oversizedAnswerIsRefusedWhileArriving();
    void forbiddenCompanyNamed();
    void companyWithoutAppAnswering401_data();
    void companyWithoutAppAnswering401();
    void companyWithoutAppWithExpiredToken();
    void refusedTokenStillNeedsSignIn();
    void projectWithoutAccessIs404();
    void companyZone_data();
    void companyZone();
    void stallTimesOut();
    void bearerNeverReachesLoginHost();
    void cancelEndsOnce();

private:
    qint64 firstCompany() const;

    EmulatorProcess m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<EmulatorTokenSource> m_tokens;
    std::unique_ptr<ApiClient> m_client;
};

void TestApiClient::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--companies"), QStringLiteral("2"),
                               QStringLiteral("--projects"), QStringLiteral("450")}),
             qPrintable(m_emulator.errorString()));
}

void TestApiClient::init()
{
    QVERIFY(m_emulator.clearFaults());
    QVERIFY(m_emulator.configure({{QStringLiteral("forbiddenCompanies"), QJsonArray()},
                                  {QStringLiteral("unauthorizedCompanies"), QJsonArray()}}));
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<EmulatorTokenSource>();
    QString error;
    QVERIFY2(m_tokens->signIn(m_emulator, &error), qPrintable(error));
    m_client = std::make_unique<ApiClient>(m_emulator.apiUrl(), m_tokens.get(), m_network.get());
    RetryPolicy fast;
    fast.baseDelayMs = 20;
    fast.maxDelayMs = 100;
    m_client->setRetryPolicy(fast);
    QVERIFY(m_emulator.resetCounters());
}

void TestApiClient::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_network.reset();
}

qint64 TestApiClient::firstCompany() const
{
    return m_emulator.data().value(QStringLiteral("companies")).toArray().at(0).toInteger();
}

void TestApiClient::meCompaniesProjects()
{
    User user;
    ProcoreError error = ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { user = job->user(); });
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(user.login, EmulatorProcess::demoEmail());
    QVERIFY(user.id > 0);

    QList<Company> companies;
    error = ApiTest::run(m_client->fetchCompanies(),
                         [&](CompaniesJob *job) { companies = job->companies(); });
    QVERIFY2(!error, ApiTest::describe(error));
    const QJsonArray expected = m_emulator.data().value(QStringLiteral("companies")).toArray();
    QCOMPARE(companies.size(), expected.size());
    for (qsizetype i = 0; i < companies.size(); ++i)
        QCOMPARE(companies.at(i).id, expected.at(i).toInteger());

    QList<Project> projects;
    QList<Project> streamed;
    qint64 lastReceived = 0;
    qint64 lastTotal = 0;
    ProjectsJob *job = m_client->fetchProjects(companies.at(0).id, companies.at(0).name);
    connect(job, &ProjectsJob::pageArrived, this,
            [&](const QList<Project> &page) { streamed += page; });
    connect(job, &ProjectsJob::progress, this, [&](qint64 received, qint64 total) {
        QVERIFY(received >= lastReceived);
        lastReceived = received;
        lastTotal = total;
    });
    error = ApiTest::run(job, [&](ProjectsJob *j) { projects = j->projects(); });
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(projects.size(), 450);
    QCOMPARE(streamed, projects);
    QCOMPARE(lastReceived, 450);
    QCOMPARE(lastTotal, 450);
    QSet<qint64> ids;
    for (const Project &project : std::as_const(projects)) {
        QCOMPARE(project.companyId, companies.at(0).id);
        ids.insert(project.id);
    }
    QCOMPARE(ids.size(), 450);

    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("lastUserAgent")).toObject().value(MePath).toString(),
             QString::fromLatin1(AppInfo::userAgent()));
    QCOMPARE(counters.value(QStringLiteral("lastUserAgent"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.1/projects"))
                 .toString(),
             QString::fromLatin1(AppInfo::userAgent()));
    QCOMPARE(
        counters.value(QStringLiteral("lastAuthorization")).toObject().value(MePath).toString(),
        QStringLiteral("Bearer ") + m_tokens->accessToken());
    QCOMPARE(counters.value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.1/projects"))
                 .toInt(),
             2); // 300 + 150: the short second page ends it, no probe
}

void TestApiClient::refreshAheadOfExpiry()
{
    const QString before = m_tokens->accessToken();
    m_tokens->setExpiresAt(QDateTime::currentDateTimeUtc().addSecs(20));
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(m_tokens->refreshesStarted(), 1);
    QVERIFY(m_tokens->accessToken() != before);
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 1);
    // The only /me request went out with the new token, none with the old one.
    const QJsonObject perToken = counters.value(QStringLiteral("requestsPerToken")).toObject();
    QCOMPARE(perToken.value(m_tokens->accessToken().left(8)).toInt(), 1);
    QCOMPARE(perToken.value(before.left(8)).toInt(), 0);
}

void TestApiClient::parallelExpiredTokensOneRefresh()
{
    QVERIFY(m_emulator.expireAllTokens());
    m_tokens->setRefreshDelayMs(100); // let every request run into the same refresh
    QList<MeJob *> jobs;
    QList<ProcoreError> errors(10);
    int done = 0;
    for (int i = 0; i < 10; ++i) {
        MeJob *job = m_client->fetchMe();
        connect(job, &MeJob::finished, this, [&, i](const ProcoreError &error) {
            errors[i] = error;
            ++done;
        });
        jobs.append(job);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 10, 20000);
    for (const ProcoreError &error : std::as_const(errors))
        QVERIFY2(!error, ApiTest::describe(error));
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 1);
    QCOMPARE(m_tokens->refreshesStarted(), 1);
    // Each request went out at most twice: once refused, once with the new token.
    QVERIFY(m_emulator.requests(MePath) <= 20);
    QCOMPARE(counters.value(QStringLiteral("requestsPerToken"))
                 .toObject()
                 .value(m_tokens->accessToken().left(8))
                 .toInt(),
             10);
}

void TestApiClient::failedRefreshFailsAllWaiting()
{
    // A revoked grant: the access token is refused and so is the refresh token.
    QVERIFY(m_emulator.revokeAllGrants());
    int done = 0;
    QList<ProcoreError> errors;
    for (int i = 0; i < 10; ++i) {
        connect(m_client->fetchMe(), &MeJob::finished, this, [&](const ProcoreError &error) {
            errors.append(error);
            ++done;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 10, 20000);
    for (const ProcoreError &error : std::as_const(errors))
        QCOMPARE(error.kind, ProcoreError::Kind::SignInNeeded);
    QCOMPARE(m_tokens->refreshesStarted(), 1);
    QCOMPARE(m_emulator.counter("refreshFailures"), 1);
    // After that, nothing goes out at all.
    const int before = m_emulator.requests(MePath);
    QCOMPARE(ApiTest::run(m_client->fetchMe()).kind, ProcoreError::Kind::SignInNeeded);
    QCOMPARE(m_emulator.requests(MePath), before);
}

void TestApiClient::lostRefreshAnswerMeansSignIn()
{
    QVERIFY(m_emulator.expireAllTokens());
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("drop")},
                                 {QStringLiteral("count"), 5},
                                 {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
    int done = 0;
    QList<ProcoreError> errors;
    for (int i = 0; i < 3; ++i) {
        connect(m_client->fetchMe(), &MeJob::finished, this, [&](const ProcoreError &error) {
            errors.append(error);
            ++done;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 20000);
    for (const ProcoreError &error : std::as_const(errors))
        QCOMPARE(error.kind, ProcoreError::Kind::SignInNeeded);
    QCOMPARE(m_tokens->refreshesStarted(), 1);
    QVERIFY(m_tokens->refreshToken().isEmpty()); // the spent one is never sent again
}

void TestApiClient::waitsOutRetryAfter_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("429") << QStringLiteral("429");
    QTest::newRow("503") << QStringLiteral("503");
}

void TestApiClient::waitsOutRetryAfter()
{
    QFETCH(QString, kind);
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), kind},
                                 {QStringLiteral("count"), 1},
                                 {QStringLiteral("retryAfter"), 1}}));
    QElapsedTimer timer;
    timer.start();
    User user;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { user = job->user(); });
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(user.login, EmulatorProcess::demoEmail());
    QVERIFY2(elapsed >= 1000, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_emulator.requests(MePath), 2);
}

void TestApiClient::rateLimitTooLongFailsAtOnce()
{
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("429")},
                                 {QStringLiteral("count"), 1},
                                 {QStringLiteral("retryAfter"), 600}}));
    QElapsedTimer timer;
    timer.start();
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QCOMPARE(error.kind, ProcoreError::Kind::RateLimited);
    QVERIFY(timer.elapsed() < 3000);
    QVERIFY(error.message.contains(QLatin1String("after")));
}

void TestApiClient::serverErrorsRetriedWithinBounds_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<bool>("succeeds");
    const RetryPolicy policy;
    QTest::newRow("two 500s") << QStringLiteral("5xx") << 2 << 3 << true;
    QTest::newRow("endless 500s") << QStringLiteral("5xx") << -1 << 1 + policy.maxRetries << false;
    // "Retry-After: 0" is an instruction too; such waits are bounded on their own.
    QTest::newRow("endless 503, Retry-After 0")
        << QStringLiteral("503") << -1 << 1 + policy.maxWaits << false;
}

void TestApiClient::serverErrorsRetriedWithinBounds()
{
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(int, attempts);
    QFETCH(bool, succeeds);
    QJsonObject fault{{QStringLiteral("kind"), kind}, {QStringLiteral("count"), count}};
    if (kind == u"503")
        fault.insert(QStringLiteral("retryAfter"), 0);
    QVERIFY(m_emulator.setFault(fault));
    int made = 0;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { made = job->attempts(); });
    if (succeeds)
        QVERIFY2(!error, ApiTest::describe(error));
    else
        QCOMPARE(error.kind, ProcoreError::Kind::ServerError);
    QCOMPARE(made, attempts);
    QCOMPARE(m_emulator.requests(MePath), attempts);
}

void TestApiClient::dropsRetriedWithinBounds_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("one drop") << 1 << true;
    QTest::newRow("endless drops") << -1 << false;
}

void TestApiClient::dropsRetriedWithinBounds()
{
    QFETCH(int, count);
    QFETCH(bool, succeeds);
    QVERIFY(m_emulator.setFault(
        {{QStringLiteral("kind"), QStringLiteral("drop")}, {QStringLiteral("count"), count}}));
    int attempts = 0;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { attempts = job->attempts(); });
    if (succeeds) {
        QVERIFY2(!error, ApiTest::describe(error));
    } else {
        QCOMPARE(error.kind, ProcoreError::Kind::Offline);
        QCOMPARE(attempts, 1 + m_client->retryPolicy().maxRetries);
    }
    // Qt may resend a request once by itself when a kept-alive connection drops.
    QVERIFY(m_emulator.requests(MePath) <= 2 * attempts);
}

void TestApiClient::malformedJsonIsBadData_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("me") << QStringLiteral("/rest/v1.0/me");
    QTest::newRow("companies") << QStringLiteral("/rest/v1.0/companies");
    QTest::newRow("projects") << QStringLiteral("/rest/v1.1/projects");
}

void TestApiClient::malformedJsonIsBadData()
{
    QFETCH(QString, path);
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("malformed")},
                                 {QStringLiteral("count"), 1},
                                 {QStringLiteral("path"), path}}));
    ProcoreError error;
    if (path.endsWith(u"me"))
        error = ApiTest::run(m_client->fetchMe());
    else if (path.endsWith(u"companies"))
        error = ApiTest::run(m_client->fetchCompanies());
    else
        error = ApiTest::run(m_client->fetchProjects(firstCompany(), QStringLiteral("Acme")));
    QCOMPARE(error.kind, ProcoreError::Kind::BadData);
    QVERIFY(!error.message.isEmpty());
}

// Found by tests/faults ("huge" fault): the client buffered an answer of any size, so a broken
// server or proxy could fill the memory before the parser refused it.
void TestApiClient::oversizedAnswerIsRefusedWhileArriving()
{
    QCOMPARE(m_client->maxBodyBytes(), ApiClient::DefaultMaxBodyBytes);
    m_client->setMaxBodyBytes(1024 * 1024);
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("huge")},
                                 {QStringLiteral("count"), 2},
                                 {QStringLiteral("bytes"), 4 * 1024 * 1024},
                                 {QStringLiteral("path"), QStringLiteral("/rest/v1.0/me")}}));
    int attempts = 0;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { attempts = job->attempts(); });
    QCOMPARE(error.kind, ProcoreError::Kind::BadData);
    QVERIFY(!error.message.isEmpty());
    QVERIFY2(error.detail.contains(QLatin1String("larger than 1048576")), qPrintable(error.detail));
    QCOMPARE(attempts, 1); // not retried: it would be as large again
    // Within the limit, a large answer is read and judged by its content.
    m_client->setMaxBodyBytes(8 * 1024 * 1024);
    const ProcoreError junk = ApiTest::run(m_client->fetchMe());
    QCOMPARE(junk.kind, ProcoreError::Kind::BadData);
    QVERIFY(!junk.detail.contains(QLatin1String("larger than")));
    QCOMPARE(ApiTest::run(m_client->fetchMe()).kind, ProcoreError::Kind::None);
}

void TestApiClient::forbiddenCompanyNamed()
{
    const qint64 company = firstCompany();
    QVERIFY(m_emulator.configure({{QStringLiteral("forbiddenCompanies"), QJsonArray{company}}}));
    const ProcoreError error =
        ApiTest::run(m_client->fetchProjects(company, QStringLiteral("Miller & Sons Builders")));
    QCOMPARE(error.kind, ProcoreError::Kind::Forbidden);
    QVERIFY2(error.message.contains(QLatin1String("Miller & Sons Builders")),
             qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("administrator")));
    QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects")), 1); // not retried
}

// Procore: until a company installs the app its calls may answer 401 even to a fresh token.
// One refresh tells the two apart the first time (the token is refreshed and still refused,
// /me accepts it); after that the company is known and its 401 spends no refresh at all.
// Either way the other company still loads on the same tokens.
void TestApiClient::companyWithoutAppAnswering401_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<int>("firstRefreshes");
    QTest::addColumn<int>("meChecksPerVisit");
    QTest::newRow("401") << QStringLiteral("unauthorizedCompanies") << 1 << 1;
    QTest::newRow("403") << QStringLiteral("forbiddenCompanies") << 0 << 0;
}

void TestApiClient::companyWithoutAppAnswering401()
{
    QFETCH(QString, setting);
    QFETCH(int, firstRefreshes);
    QFETCH(int, meChecksPerVisit);
    const QJsonArray ids = m_emulator.data().value(QStringLiteral("companies")).toArray();
    const qint64 without = ids.at(0).toInteger();
    const qint64 with = ids.at(1).toInteger();
    QVERIFY(m_emulator.configure({{setting, QJsonArray{without}}}));
    const QString token = m_tokens->accessToken();
    for (int visit = 1; visit <= 2; ++visit) {
        const ProcoreError error =
            ApiTest::run(m_client->fetchProjects(without, QStringLiteral("Miller & Sons")));
        QCOMPARE(error.kind, ProcoreError::Kind::Forbidden);
        QVERIFY2(error.message.contains(QLatin1String("Miller & Sons")), qPrintable(error.message));
        QVERIFY(error.message.contains(QLatin1String("administrator")));
        QVERIFY(!m_client->hasApp(without));
        const QJsonObject counters = m_emulator.counters();
        QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), firstRefreshes);
        QCOMPARE(m_emulator.requests(MePath), visit * meChecksPerVisit);
    }
    QCOMPARE(m_tokens->refreshesStarted(), firstRefreshes);
    if (firstRefreshes == 0)
        QCOMPARE(m_tokens->accessToken(), token); // nothing spent
    int count = 0;
    const ProcoreError other =
        ApiTest::run(m_client->fetchProjects(with, QStringLiteral("Other")),
                     [&](ProjectsJob *job) { count = int(job->projects().size()); });
    QVERIFY2(!other, ApiTest::describe(other));
    QCOMPARE(count, 450);
    QCOMPARE(m_emulator.counter("refreshes"), firstRefreshes);
    // Installed since: the next answer clears the mark.
    QVERIFY(m_emulator.configure({{setting, QJsonArray{}}}));
    QVERIFY(!ApiTest::run(m_client->fetchProjects(without, QStringLiteral("Miller & Sons"))));
    QVERIFY(m_client->hasApp(without));
}

// A company known to lack the app, while the token really expired: /me says so, and the one
// refresh still happens.
void TestApiClient::companyWithoutAppWithExpiredToken()
{
    const qint64 without = firstCompany();
    QVERIFY(m_emulator.configure({{QStringLiteral("unauthorizedCompanies"), QJsonArray{without}}}));
    m_client->setCompaniesWithoutApp({without});
    QVERIFY(m_emulator.expireAllTokens());
    const ProcoreError error = ApiTest::run(m_client->fetchProjects(without, QStringLiteral("M")));
    QCOMPARE(error.kind, ProcoreError::Kind::Forbidden);
    QCOMPARE(m_emulator.counter("refreshes"), 1);
    QCOMPARE(m_emulator.requests(MePath), 2); // refused before the refresh, accepted after
    QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects")), 2);
}

// Only a token /me refuses too means signing in again, still after one refresh at most.
void TestApiClient::refusedTokenStillNeedsSignIn()
{
    const qint64 without = firstCompany();
    QVERIFY(m_emulator.configure({{QStringLiteral("unauthorizedCompanies"), QJsonArray{without}}}));
    QVERIFY(m_emulator.revokeAllGrants());
    const ProcoreError error = ApiTest::run(m_client->fetchProjects(without, QStringLiteral("M")));
    QCOMPARE(error.kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY(m_emulator.counter("refreshes") <= 1);
    QVERIFY(m_client->hasApp(without)); // nothing learnt about the company
}

// A 404 on a project can mean no read access; the message says so, never "does not exist".
void TestApiClient::projectWithoutAccessIs404()
{
    const qint64 company = firstCompany();
    qint64 project = 0;
    QVERIFY(!ApiTest::run(m_client->fetchProjects(company, QStringLiteral("Acme")),
                          [&](ProjectsJob *job) { project = job->projects().at(3).id; }));
    const QUrl url(
        QStringLiteral("/rest/v1.0/projects/%1?company_id=%2").arg(project).arg(company));
    QVERIFY(!ApiTest::run(m_client->get(url, company, QStringLiteral("Acme"))));
    QVERIFY(m_emulator.configure({{QStringLiteral("hiddenProjects"), QJsonArray{project}}}));
    const ProcoreError error = ApiTest::run(m_client->get(url, company, QStringLiteral("Acme")));
    QVERIFY(m_emulator.configure({{QStringLiteral("hiddenProjects"), QJsonArray{}}}));
    QCOMPARE(error.kind, ProcoreError::Kind::NotFound);
    QVERIFY2(error.message.contains(QLatin1String("may not have access")),
             qPrintable(error.message));
}

// company_base_url's web_base_url becomes the host of every link the user clicks: only an
// https address (plain http only to this computer) without user name, query or fragment.
void TestApiClient::companyZone_data()
{
    QTest::addColumn<QString>("webBase");
    QTest::addColumn<QString>("expected"); // empty: refused as BadData
    QTest::newRow("zone host") << "https://us02.procore.com"
                               << "https://us02.procore.com";
    QTest::newRow("trailing slash") << "https://uk01.procore.com/"
                                    << "https://uk01.procore.com";
    QTest::newRow("loopback http") << "http://127.0.0.1:9"
                                   << "http://127.0.0.1:9";
    QTest::newRow("plain http") << "http://us02.procore.com"
                                << "";
    QTest::newRow("javascript") << "javascript:alert(1)"
                                << "";
    QTest::newRow("file") << "file:///etc/passwd"
                          << "";
    QTest::newRow("user info") << "https://user:pw@evil.example"
                               << "";
    QTest::newRow("query") << "https://app.procore.com/?next=https://evil.example"
                           << "";
    QTest::newRow("relative") << "/login"
                              << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestApiClient::companyZone()
{
    QFETCH(QString, webBase);
    QFETCH(QString, expected);
    // The emulator answers its own base for an empty setting: use a space for "empty".
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("webBaseUrl"), webBase.isEmpty() ? QStringLiteral(" ") : webBase}}));
    QUrl url;
    const ProcoreError error = ApiTest::run(m_client->fetchCompanyZone(firstCompany()),
                                            [&](CompanyZoneJob *job) { url = job->webBaseUrl(); });
    QVERIFY(m_emulator.configure({{QStringLiteral("webBaseUrl"), QString()}}));
    if (expected.isEmpty()) {
        QCOMPARE(error.kind, ProcoreError::Kind::BadData);
        QVERIFY(url.isEmpty());
    } else {
        QVERIFY2(!error, ApiTest::describe(error));
        QCOMPARE(url.toString(), expected);
    }
    QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.0/company_base_url")), 1);
}

void TestApiClient::stallTimesOut()
{
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("stall")},
                                 {QStringLiteral("count"), -1},
                                 {QStringLiteral("path"), QStringLiteral("/rest/v1.0/me")}}));
    m_client->setTransferTimeoutMs(300);
    QElapsedTimer timer;
    timer.start();
    int attempts = 0;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { attempts = job->attempts(); });
    QCOMPARE(error.kind, ProcoreError::Kind::Timeout);
    QCOMPARE(attempts, 1 + m_client->retryPolicy().maxTimeoutRetries);
    // Qt's transfer timer is a coarse one: it may fire up to 5% early.
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 280 * attempts, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
}

void TestApiClient::bearerNeverReachesLoginHost()
{
    // A refresh and a request to the login host through the API client.
    m_tokens->setExpiresAt(QDateTime::currentDateTimeUtc());
    QVERIFY(!ApiTest::run(m_client->fetchMe()));
    const QUrl info = m_emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token/info")));
    ApiTest::run(m_client->get(info));
    const QJsonObject counters = m_emulator.counters();
    const QJsonObject requests = counters.value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("login:/oauth/token/info")).toInt(), 1);
    QCOMPARE(requests.value(QStringLiteral("login:/oauth/token")).toInt(), 1);
    const QJsonObject authorization =
        counters.value(QStringLiteral("lastAuthorization")).toObject();
    int loginKeys = 0;
    for (auto it = authorization.begin(); it != authorization.end(); ++it) {
        if (it.key().startsWith(QLatin1String("login:"))) {
            ++loginKeys;
            QVERIFY2(it.value().toString().isEmpty(), qPrintable(it.key()));
        }
    }
    QCOMPARE(loginKeys, 2);
    QVERIFY(authorization.value(MePath).toString().startsWith(QLatin1String("Bearer ")));
}

void TestApiClient::cancelEndsOnce()
{
    QVERIFY(m_emulator.configure({{QStringLiteral("latency"), 300}}));
    MeJob *job = m_client->fetchMe();
    QSignalSpy finished(job, &MeJob::finished);
    QTest::qWait(50); // on the wire now
    job->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<ProcoreError>().kind, ProcoreError::Kind::Cancelled);
    job->cancel();
    QTest::qWait(400);
    QCOMPARE(finished.size(), 1);
    QVERIFY(m_emulator.configure({{QStringLiteral("latency"), 0}}));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
