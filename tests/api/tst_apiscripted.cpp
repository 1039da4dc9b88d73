// ApiClient against small scripted servers: which host gets the token, redirects and Link
// headers that point elsewhere, a token that stays refused after a refresh, and the
// rate-limit header variants the emulator does not send.
#include "apitesthelpers.h"
#include "emulatortokensource.h"
#include "recordingserver.h"

#include "api/apiclient.h"
#include "api/apijob.h"
#include "api/mejob.h"
#include "api/projectsjob.h"
#include "common/appinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

namespace {

QByteArray projectsJson(int firstId, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(QJsonObject{{QStringLiteral("id"), firstId + i},
                                 {QStringLiteral("name"), QStringLiteral("P%1").arg(firstId + i)}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

int pageOf(const RecordedRequest &request)
{
    return QUrlQuery(QUrl(QString::fromLatin1(request.target)))
        .queryItemValue(QStringLiteral("page"))
        .toInt();
}

const QByteArray UserJson = R"({"id":7,"login":"a@example.com","name":"A"})";

} // namespace

class TestApiScripted final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void bearerOnlyForApiHost();
    void redirectElsewhereNotFollowed_data();
    void redirectElsewhereNotFollowed();
    void redirectWithinApiHostFollowed();
    void pagingNeverFollowsLinkElsewhere();
    void unauthorizedTwiceMeansSignIn();
    void signedOutSendsNothing();
    void refreshAheadOfExpiryUsesNewToken();
    void rateLimitResetHeaderWaitedOut();
    void plain503BacksOff();
    void notFoundNotRetried();

private:
    std::unique_ptr<RecordingServer> m_api;
    std::unique_ptr<RecordingServer> m_other;
    std::unique_ptr<RecordingServer> m_login;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<EmulatorTokenSource> m_tokens;
    std::unique_ptr<ApiClient> m_client;
    int m_issued = 0;
};

void TestApiScripted::init()
{
    m_api = std::make_unique<RecordingServer>();
    m_other = std::make_unique<RecordingServer>();
    m_login = std::make_unique<RecordingServer>();
    QVERIFY(m_api->listen() && m_other->listen() && m_login->listen());
    m_issued = 1;
    m_login->setHandler([this](const RecordedRequest &) {
        ++m_issued;
        ScriptedResponse response;
        response.body =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("access_token"), QStringLiteral("tok-%1").arg(m_issued)},
                    {QStringLiteral("refresh_token"), QStringLiteral("ref-%1").arg(m_issued)},
                    {QStringLiteral("expires_in"), 5400},
                })
                .toJson();
        return response;
    });
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<EmulatorTokenSource>();
    m_tokens->setTokens(QStringLiteral("tok-1"), QStringLiteral("ref-1"),
                        QDateTime::currentDateTimeUtc().addSecs(3600),
                        m_login->url().resolved(QUrl(QStringLiteral("/oauth/token"))));
    m_client = std::make_unique<ApiClient>(m_api->url(), m_tokens.get(), m_network.get());
    RetryPolicy fast;
    fast.baseDelayMs = 10;
    m_client->setRetryPolicy(fast);
}

void TestApiScripted::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_network.reset();
}

void TestApiScripted::bearerOnlyForApiHost()
{
    QVERIFY(m_client->isApiUrl(m_api->url().resolved(QUrl(QStringLiteral("/x")))));
    QVERIFY(!m_client->isApiUrl(m_other->url())); // same address, other port
    QUrl localhost = m_api->url();
    localhost.setHost(QStringLiteral("localhost")); // not the configured host name
    QVERIFY(!m_client->isApiUrl(localhost));
    QUrl https = m_api->url();
    https.setScheme(QStringLiteral("https"));
    QVERIFY(!m_client->isApiUrl(https));

    ProcoreError error = ApiTest::run(m_client->get(QUrl(QStringLiteral("/rest/v1.0/me")), 42));
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(m_api->requests().size(), 1);
    const RecordedRequest api = m_api->requests().constFirst();
    QCOMPARE(api.target, QByteArray("/rest/v1.0/me"));
    QCOMPARE(api.header("Authorization"), QByteArray("Bearer tok-1"));
    QCOMPARE(api.header("Procore-Company-Id"), QByteArray("42"));
    QCOMPARE(api.header("User-Agent"), AppInfo::userAgent());

    const QUrl elsewhere = m_other->url().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    error = ApiTest::run(m_client->get(elsewhere, 42));
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(m_other->requests().size(), 1);
    const RecordedRequest other = m_other->requests().constFirst();
    QVERIFY(!other.hasHeader("Authorization"));
    QVERIFY(!other.hasHeader("Procore-Company-Id"));
    QVERIFY(other.header("User-Agent") != AppInfo::userAgent());
}

void TestApiScripted::redirectElsewhereNotFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("302") << 302;
    QTest::newRow("307") << 307;
    QTest::newRow("308") << 308;
}

void TestApiScripted::redirectElsewhereNotFollowed()
{
    QFETCH(int, status);
    const QByteArray target = m_other->url().toEncoded() + "/rest/v1.0/me";
    m_api->setHandler([status, target](const RecordedRequest &) {
        ScriptedResponse response;
        response.status = status;
        response.headers = {{"Location", target}};
        response.body = {};
        return response;
    });
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QCOMPARE(error.kind, ProcoreError::Kind::ServerError);
    QVERIFY(error.detail.contains(m_other->url().authority()));
    QCOMPARE(m_api->requests().size(), 1);
    QVERIFY(m_other->requests().isEmpty());
}

void TestApiScripted::redirectWithinApiHostFollowed()
{
    m_api->setHandler([](const RecordedRequest &request) {
        ScriptedResponse response;
        if (request.target == "/rest/v1.0/old") {
            response.status = 301;
            response.headers = {{"Location", "/rest/v1.0/me"}};
        } else {
            response.body = UserJson;
        }
        return response;
    });
    ApiJob *job = m_client->get(QUrl(QStringLiteral("/rest/v1.0/old")));
    QByteArray body;
    const ProcoreError error = ApiTest::run(job, [&](ApiJob *j) { body = j->body(); });
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(body, UserJson);
    QCOMPARE(m_api->requests().size(), 2);
    for (const RecordedRequest &request : m_api->requests())
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok-1"));
}

void TestApiScripted::pagingNeverFollowsLinkElsewhere()
{
    // Page 1 claims the rest lives on another host; the pages must still come from the API.
    const QByteArray other = m_other->url().toEncoded();
    m_api->setHandler([other](const RecordedRequest &request) {
        const int page = pageOf(request);
        ScriptedResponse response;
        response.headers = {{"Total", "700"},
                            {"Per-Page", "300"},
                            {"Link", "<" + other + "/rest/v1.1/projects?company_id=5&page=" +
                                         QByteArray::number(page + 1) + ">; rel=\"next\", <" +
                                         other +
                                         "/rest/v1.1/projects?company_id=5&page=3>; rel=\"last\""}};
        response.body = projectsJson((page - 1) * 300 + 1, page < 3 ? 300 : 100);
        return response;
    });
    QList<Project> projects;
    const ProcoreError error = ApiTest::run(m_client->fetchProjects(5, QStringLiteral("Acme")),
                                            [&](ProjectsJob *job) { projects = job->projects(); });
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(projects.size(), 700);
    QVERIFY(m_other->requests().isEmpty());
    QCOMPARE(m_api->requests().size(), 3);
    for (const RecordedRequest &request : m_api->requests()) {
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok-1"));
        QCOMPARE(request.header("Procore-Company-Id"), QByteArray("5"));
        QVERIFY(request.target.contains("company_id=5"));
        QVERIFY(request.target.contains("per_page=300"));
    }
}

void TestApiScripted::unauthorizedTwiceMeansSignIn()
{
    m_api->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.status = 401;
        response.body = R"({"errors":"Your access token has expired"})";
        return response;
    });
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QCOMPARE(error.kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY(!error.message.isEmpty());
    // One refresh, one retry with the new token, then it gives up.
    QCOMPARE(m_login->requests().size(), 1);
    QCOMPARE(m_api->requests().size(), 2);
    QCOMPARE(m_api->requests().at(0).header("Authorization"), QByteArray("Bearer tok-1"));
    QCOMPARE(m_api->requests().at(1).header("Authorization"), QByteArray("Bearer tok-2"));
    QVERIFY(!m_login->requests().at(0).hasHeader("Authorization"));
}

void TestApiScripted::signedOutSendsNothing()
{
    m_tokens->setTokens({}, {}, {});
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QCOMPARE(error.kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY(m_api->requests().isEmpty());
    QVERIFY(m_login->requests().isEmpty());
}

void TestApiScripted::refreshAheadOfExpiryUsesNewToken()
{
    m_api->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.body = UserJson;
        return response;
    });
    // 30 s left: inside the 60 s margin, so the first request waits for a refresh.
    m_tokens->setExpiresAt(QDateTime::currentDateTimeUtc().addSecs(30));
    User user;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { user = job->user(); });
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(user.id, 7);
    QCOMPARE(m_tokens->refreshesStarted(), 1);
    QCOMPARE(m_api->requests().size(), 1);
    QCOMPARE(m_api->requests().at(0).header("Authorization"), QByteArray("Bearer tok-2"));
    // The next request needs no refresh.
    QVERIFY(!ApiTest::run(m_client->fetchMe()));
    QCOMPARE(m_tokens->refreshesStarted(), 1);
}

void TestApiScripted::rateLimitResetHeaderWaitedOut()
{
    // Only X-Rate-Limit-Reset (Unix seconds), no Retry-After: wait until then.
    const qint64 resetAt = QDateTime::currentSecsSinceEpoch() + 2;
    int calls = 0;
    m_api->setHandler([&](const RecordedRequest &) {
        ScriptedResponse response;
        if (calls++ == 0) {
            response.status = 429;
            response.headers = {{"X-Rate-Limit-Limit", "3600"},
                                {"X-Rate-Limit-Remaining", "0"},
                                {"X-Rate-Limit-Reset", QByteArray::number(resetAt)}};
        } else {
            response.body = UserJson;
        }
        return response;
    });
    const ProcoreError error = ApiTest::run(m_client->fetchMe());
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(m_api->requests().size(), 2);
    QVERIFY(QDateTime::currentMSecsSinceEpoch() >= resetAt * 1000);
}

void TestApiScripted::plain503BacksOff()
{
    m_api->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.status = 503;
        response.body = "<html>busy</html>";
        return response;
    });
    int attempts = 0;
    const ProcoreError error =
        ApiTest::run(m_client->fetchMe(), [&](MeJob *job) { attempts = job->attempts(); });
    QCOMPARE(error.kind, ProcoreError::Kind::ServerError);
    QCOMPARE(attempts, 1 + m_client->retryPolicy().maxRetries);
    QCOMPARE(m_api->requests().size(), attempts);
    QVERIFY(error.detail.contains(QLatin1String("busy")));
}

void TestApiScripted::notFoundNotRetried()
{
    m_api->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.status = 404;
        return response;
    });
    QCOMPARE(ApiTest::run(m_client->fetchMe()).kind, ProcoreError::Kind::NotFound);
    QCOMPARE(m_api->requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestApiScripted)
#include "tst_apiscripted.moc"
