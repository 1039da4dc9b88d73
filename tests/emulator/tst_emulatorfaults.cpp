// Every fault switch of the emulator, seen from a real HTTP client: dropped and stalled
// answers, malformed JSON, 5xx bursts, 503 and 429 with their headers, latency, early token
// expiry and revocation, switched at run time and by flags at start.
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "testhttp.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

class TestEmulatorFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void dropCutsTheAnswer();
    void droppedRefreshStillConsumesTheToken();
    void stallMakesTheClientTimeOut();
    void malformedGivesBrokenJson();
    void hugeSendsAJunkArray();
    void serverErrorBurst_data();
    void serverErrorBurst();
    void unavailableWithRetryAfter();
    void redirectPointsElsewhere();
    void injectedTooManyRequests();
    void latencyIsAdded();
    void latencyFlag();
    void pathPrefixSelectsRequests();
    void expireEarlyForNewTokens();
    void expireEarlyNowAndExpireTokens();
    void revokeAll();
    void faultFlagsAtStart();
    void badFaultsAreRejected_data();
    void badFaultsAreRejected();
    void controlApiIsNeverFaulted();

private:
    TestHttpReply me(int timeoutMs = 10000);
    QJsonObject fault(const QString &kind, int count = 1) const
    {
        return {{QStringLiteral("kind"), kind}, {QStringLiteral("count"), count}};
    }

    EmulatorProcess m_emulator;
    EmulatorTokens m_tokens;
    TestHttp m_http;
};

void TestEmulatorFaults::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
    m_tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(m_tokens.ok(), qPrintable(m_tokens.error));
}

void TestEmulatorFaults::init()
{
    QVERIFY(m_emulator.clearFaults());
    QVERIFY(m_emulator.resetCounters());
}

TestHttpReply TestEmulatorFaults::me(int timeoutMs)
{
    m_http.setTimeout(timeoutMs);
    const TestHttpReply reply =
        m_http.get(m_emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me"))),
                   {{"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()}});
    m_http.setTimeout(10000);
    return reply;
}

void TestEmulatorFaults::dropCutsTheAnswer()
{
    QVERIFY(m_emulator.setFault(fault(QStringLiteral("drop"))));
    const TestHttpReply dropped = me();
    QVERIFY(!dropped.timedOut);
    QVERIFY2(dropped.error != QNetworkReply::NoError, qPrintable(dropped.errorString));
    QVERIFY(!dropped.json().isObject());
    // One answer only: the next one is whole again.
    const TestHttpReply whole = me();
    QCOMPARE(whole.status, 200);
    QVERIFY(whole.json().isObject());
    QCOMPARE(m_emulator.counters()
                 .value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.0/me"))
                 .toInt(),
             2);
}

void TestEmulatorFaults::droppedRefreshStillConsumesTheToken()
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("drop")},
                                 {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
    const TestHttpReply lost = EmulatorSignIn::refresh(m_emulator, tokens.refreshToken);
    QVERIFY(lost.error != QNetworkReply::NoError);
    QVERIFY(!lost.json().isObject());
    // The emulator used the refresh token before the answer was lost: trying again is reuse.
    const TestHttpReply retry = EmulatorSignIn::refresh(m_emulator, tokens.refreshToken);
    QCOMPARE(retry.status, 400);
    QCOMPARE(retry.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 2);
    QCOMPARE(counters.value(QStringLiteral("refreshTokenReuse")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("tokensIssued")).toInt(), 2); // sign-in + the lost one
}

void TestEmulatorFaults::stallMakesTheClientTimeOut()
{
    QVERIFY(m_emulator.setFault(fault(QStringLiteral("stall"))));
    const TestHttpReply stalled = me(700);
    QVERIFY(stalled.timedOut);
    QVERIFY(stalled.elapsedMs >= 650);
    QCOMPARE(me().status, 200);
}

void TestEmulatorFaults::malformedGivesBrokenJson()
{
    QVERIFY(m_emulator.setFault(fault(QStringLiteral("malformed"))));
    const TestHttpReply broken = me();
    QCOMPARE(broken.status, 200);
    QCOMPARE(broken.error, QNetworkReply::NoError); // a complete answer, just not valid JSON
    QVERIFY(!broken.body.isEmpty());
    QJsonParseError error;
    QJsonDocument::fromJson(broken.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QVERIFY(me().json().isObject());
}

void TestEmulatorFaults::hugeSendsAJunkArray()
{
    QJsonObject small = fault(QStringLiteral("huge"));
    small.insert(QStringLiteral("bytes"), 100000);
    QVERIFY(m_emulator.setFault(small));
    const TestHttpReply junk = me();
    QCOMPARE(junk.status, 200);
    QCOMPARE(junk.body.size(), 100000);
    QVERIFY(junk.header("Content-Type").startsWith("application/json"));
    const QJsonArray array = junk.json().array();
    QVERIFY(array.size() > 1000);
    QVERIFY(array.first().toString().startsWith(QStringLiteral("junk ")));
    QVERIFY(me().json().isObject());

    // Chunked: the same bytes with no length announced, as from a proxy or a CDN.
    small.insert(QStringLiteral("chunked"), true);
    QVERIFY(m_emulator.setFault(small));
    const TestHttpReply chunked = me();
    QCOMPARE(chunked.status, 200);
    QCOMPARE(chunked.header("Transfer-Encoding"), QByteArray("chunked"));
    QVERIFY(chunked.header("Content-Length").isEmpty());
    QCOMPARE(chunked.body, junk.body);

    // The default is 10 MiB, on any path, e.g. the token endpoint.
    QJsonObject token = fault(QStringLiteral("huge"));
    token.insert(QStringLiteral("path"), QStringLiteral("/oauth/token"));
    QVERIFY(m_emulator.setFault(token));
    const TestHttpReply big = EmulatorSignIn::refresh(m_emulator, m_tokens.refreshToken);
    QCOMPARE(big.status, 200);
    QCOMPARE(big.body.size(), 10 * 1024 * 1024);
    QVERIFY(big.json().isArray());
    // Like malformed, it runs the endpoint first: the refresh token is used up.
    QCOMPARE(m_emulator.counters().value(QStringLiteral("refreshes")).toInt(), 1);
    m_tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(m_tokens.ok(), qPrintable(m_tokens.error));
}

void TestEmulatorFaults::serverErrorBurst_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::newRow("500 x1") << 500 << 1;
    QTest::newRow("502 x3") << 502 << 3;
    QTest::newRow("504 x2") << 504 << 2;
}

void TestEmulatorFaults::serverErrorBurst()
{
    QFETCH(int, status);
    QFETCH(int, count);
    QJsonObject burst = fault(QStringLiteral("5xx"), count);
    burst.insert(QStringLiteral("status"), status);
    QVERIFY(m_emulator.setFault(burst));
    for (int i = 0; i < count; ++i) {
        const TestHttpReply reply = me();
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json().object().contains(QStringLiteral("errors")));
    }
    QCOMPARE(me().status, 200);
}

void TestEmulatorFaults::unavailableWithRetryAfter()
{
    QJsonObject unavailable = fault(QStringLiteral("503"), 2);
    unavailable.insert(QStringLiteral("retryAfter"), 7);
    QVERIFY(m_emulator.setFault(unavailable));
    for (int i = 0; i < 2; ++i) {
        const TestHttpReply reply = me();
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.header("Retry-After"), QByteArray("7"));
    }
    QCOMPARE(me().status, 200);
}

void TestEmulatorFaults::redirectPointsElsewhere()
{
    QJsonObject redirect = fault(QStringLiteral("redirect"));
    redirect.insert(QStringLiteral("location"), QStringLiteral("http://127.0.0.1:9/steal"));
    QVERIFY(m_emulator.setFault(redirect));
    const TestHttpReply reply = me();
    QCOMPARE(reply.status, 307);
    QCOMPARE(reply.header("Location"), QByteArray("http://127.0.0.1:9/steal"));
    QCOMPARE(me().status, 200);
}

void TestEmulatorFaults::injectedTooManyRequests()
{
    QJsonObject limited = fault(QStringLiteral("429"));
    limited.insert(QStringLiteral("retryAfter"), 3);
    QVERIFY(m_emulator.setFault(limited));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const TestHttpReply reply = me();
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.header("Retry-After"), QByteArray("3"));
    QCOMPARE(reply.header("X-Rate-Limit-Remaining"), QByteArray("0"));
    const qint64 reset = reply.header("X-Rate-Limit-Reset").toLongLong();
    QVERIFY2(reset >= now + 2 && reset <= now + 4, qPrintable(QString::number(reset - now)));
    QCOMPARE(me().status, 200);
}

void TestEmulatorFaults::latencyIsAdded()
{
    const TestHttpReply fast = me();
    QCOMPARE(fast.status, 200);
    QJsonObject slow = fault(QStringLiteral("latency"), 2);
    slow.insert(QStringLiteral("ms"), 600);
    QVERIFY(m_emulator.setFault(slow));
    for (int i = 0; i < 2; ++i) {
        const TestHttpReply reply = me();
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.elapsedMs >= 590, qPrintable(QString::number(reply.elapsedMs)));
    }
    // Spent after its two answers: nothing delays the next one (no --latency here). Checked on
    // the switch, not on a clock, which a loaded machine can hold up for any time.
    int status = 0;
    const QJsonArray active =
        QJsonDocument::fromJson(m_emulator.control("GET", QStringLiteral("faults"), {}, &status))
            .array();
    QCOMPARE(status, 200);
    QVERIFY(active.isEmpty());
    const TestHttpReply after = me();
    QCOMPARE(after.status, 200);
    qInfo("no latency: %lld ms; after the fault: %lld ms", fast.elapsedMs, after.elapsedMs);
}

void TestEmulatorFaults::latencyFlag()
{
    EmulatorProcess slow;
    QVERIFY2(slow.start({QStringLiteral("--latency"), QStringLiteral("300")}),
             qPrintable(slow.errorString()));
    TestHttp http;
    const TestHttpReply login = http.get(slow.authorizeUrl());
    QCOMPARE(login.status, 200);
    QVERIFY2(login.elapsedMs >= 290, qPrintable(QString::number(login.elapsedMs)));
    const TestHttpReply api =
        http.get(slow.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me"))));
    QCOMPARE(api.status, 401);
    QVERIFY(api.elapsedMs >= 290);
}

void TestEmulatorFaults::pathPrefixSelectsRequests()
{
    QJsonObject companiesOnly = fault(QStringLiteral("5xx"), -1);
    companiesOnly.insert(QStringLiteral("path"), QStringLiteral("/rest/v1.0/companies"));
    QVERIFY(m_emulator.setFault(companiesOnly));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(me().status, 200);
        const TestHttpReply companies =
            m_http.get(m_emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/companies"))),
                       {{"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()}});
        QCOMPARE(companies.status, 500);
    }
    // The default prefix is /rest/: the login server is untouched.
    QVERIFY(m_emulator.clearFaults());
    QVERIFY(m_emulator.setFault(fault(QStringLiteral("5xx"), -1)));
    QCOMPARE(m_http.get(m_emulator.authorizeUrl()).status, 200);
    QCOMPARE(me().status, 500);
}

void TestEmulatorFaults::expireEarlyForNewTokens()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    QVERIFY(emulator.setFault({{QStringLiteral("kind"), QStringLiteral("expire-early")},
                               {QStringLiteral("ms"), 1000},
                               {QStringLiteral("count"), 1}}));
    const EmulatorTokens shortLived = EmulatorSignIn::signIn(emulator);
    QVERIFY2(shortLived.ok(), qPrintable(shortLived.error));
    QCOMPARE(shortLived.expiresIn, 5400); // the answer still promises the usual lifetime
    const QUrl meUrl = emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    QCOMPARE(m_http.get(meUrl, {{"Authorization", "Bearer " + shortLived.accessToken.toLatin1()}})
                 .status,
             200);
    QTest::qWait(1100);
    QCOMPARE(m_http.get(meUrl, {{"Authorization", "Bearer " + shortLived.accessToken.toLatin1()}})
                 .status,
             401);
    // count 1: the next token lives normally (token info shows its real remaining lifetime).
    const EmulatorTokens normal =
        EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(emulator, shortLived.refreshToken));
    QVERIFY2(normal.ok(), qPrintable(normal.error));
    const TestHttpReply info =
        m_http.get(emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token/info"))),
                   {{"Authorization", "Bearer " + normal.accessToken.toLatin1()}});
    QCOMPARE(info.status, 200);
    QVERIFY(info.json().object().value(QStringLiteral("expires_in_seconds")).toInt() > 5000);
}

void TestEmulatorFaults::expireEarlyNowAndExpireTokens()
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const QUrl meUrl = m_emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("expire-early")}}));
    QCOMPARE(
        m_http.get(meUrl, {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}}).status,
        401);
    const EmulatorTokens refreshed =
        EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(m_emulator, tokens.refreshToken));
    QVERIFY2(refreshed.ok(), qPrintable(refreshed.error));
    QCOMPARE(
        m_http.get(meUrl, {{"Authorization", "Bearer " + refreshed.accessToken.toLatin1()}}).status,
        200);
    QVERIFY(m_emulator.expireAllTokens());
    const TestHttpReply expired =
        m_http.get(meUrl, {{"Authorization", "Bearer " + refreshed.accessToken.toLatin1()}});
    QCOMPARE(expired.status, 401);
    QVERIFY(expired.header("WWW-Authenticate").contains("expired"));
    // Expiry is not revocation: the refresh token still works.
    QVERIFY(EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(m_emulator, refreshed.refreshToken))
                .ok());
    m_tokens = EmulatorSignIn::signIn(m_emulator); // the suite's own token expired as well
    QVERIFY(m_tokens.ok());
}

void TestEmulatorFaults::revokeAll()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QVERIFY(emulator.revokeAllGrants());
    const QUrl meUrl = emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    const TestHttpReply revoked =
        m_http.get(meUrl, {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}});
    QCOMPARE(revoked.status, 401);
    QVERIFY(revoked.header("WWW-Authenticate").contains("revoked"));
    QCOMPARE(EmulatorSignIn::refresh(emulator, tokens.refreshToken).status, 400);
    // As a fault kind it acts at once too, and signing in again works.
    const EmulatorTokens again = EmulatorSignIn::signIn(emulator);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QVERIFY(emulator.setFault({{QStringLiteral("kind"), QStringLiteral("revoke-all")}}));
    QCOMPARE(
        m_http.get(meUrl, {{"Authorization", "Bearer " + again.accessToken.toLatin1()}}).status,
        401);
}

void TestEmulatorFaults::faultFlagsAtStart()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--fault"), QStringLiteral("503:2,retryAfter=9"),
                             QStringLiteral("--fault"),
                             QStringLiteral("latency:always,ms=50,path=/rest/v1.0/companies"),
                             QStringLiteral("--fault"),
                             QStringLiteral("huge:1,chunked=true,bytes=4096,path=/nowhere")}),
             qPrintable(emulator.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator); // /oauth/ is not under /rest/
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const TestHttp::Headers bearer{{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}};
    const QUrl meUrl = emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    for (int i = 0; i < 2; ++i) {
        const TestHttpReply reply = m_http.get(meUrl, bearer);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.header("Retry-After"), QByteArray("9"));
    }
    QCOMPARE(m_http.get(meUrl, bearer).status, 200);
    const QUrl companies = emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/companies")));
    for (int i = 0; i < 3; ++i) {
        const TestHttpReply reply = m_http.get(companies, bearer);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.elapsedMs >= 45);
    }
    int status = 0;
    const QJsonArray active =
        QJsonDocument::fromJson(emulator.control("GET", QStringLiteral("faults"), {}, &status))
            .array();
    QCOMPARE(status, 200);
    QCOMPARE(active.size(), 2);
    QCOMPARE(active.at(0).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("latency"));
    const QJsonObject huge = active.at(1).toObject();
    QCOMPARE(huge.value(QStringLiteral("kind")).toString(), QStringLiteral("huge"));
    QCOMPARE(huge.value(QStringLiteral("chunked")), QJsonValue(true));
    QCOMPARE(huge.value(QStringLiteral("bytes")).toInt(), 4096);
}

void TestEmulatorFaults::badFaultsAreRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("kind=drop");
    QTest::newRow("array") << QByteArray(R"([{"kind":"drop"}])");
    QTest::newRow("unknown kind") << QByteArray(R"({"kind":"explode"})");
    QTest::newRow("no kind") << QByteArray(R"({"count":1})");
    QTest::newRow("zero count") << QByteArray(R"({"kind":"drop","count":0})");
    QTest::newRow("fractional count") << QByteArray(R"({"kind":"drop","count":1.5})");
    QTest::newRow("status out of range") << QByteArray(R"({"kind":"5xx","status":404})");
    QTest::newRow("relative path") << QByteArray(R"({"kind":"drop","path":"rest"})");
    QTest::newRow("unknown field") << QByteArray(R"({"kind":"drop","color":"red"})");
    QTest::newRow("huge too small") << QByteArray(R"({"kind":"huge","bytes":15})");
    QTest::newRow("huge too large") << QByteArray(R"({"kind":"huge","bytes":268435457})");
    QTest::newRow("chunked not a boolean") << QByteArray(R"({"kind":"huge","chunked":1})");
    QTest::newRow("chunked on another kind") << QByteArray(R"({"kind":"drop","chunked":true})");
    QTest::newRow("redirect without location") << QByteArray(R"({"kind":"redirect"})");
    QTest::newRow("redirect status not 3xx")
        << QByteArray(R"({"kind":"redirect","status":200,"location":"http://x/"})");
}

void TestEmulatorFaults::badFaultsAreRejected()
{
    QFETCH(QByteArray, body);
    int status = 0;
    m_emulator.control("POST", QStringLiteral("faults"), body, &status);
    QCOMPARE(status, 400);
    QCOMPARE(me().status, 200); // nothing was switched on
}

void TestEmulatorFaults::controlApiIsNeverFaulted()
{
    QJsonObject everything = fault(QStringLiteral("5xx"), -1);
    everything.insert(QStringLiteral("path"), QStringLiteral("/"));
    QVERIFY(m_emulator.setFault(everything));
    QVERIFY(!m_emulator.counters().isEmpty());
    QCOMPARE(me().status, 500);
    QVERIFY(m_emulator.clearFaults());
    QCOMPARE(me().status, 200);
}

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulatorfaults.moc"
