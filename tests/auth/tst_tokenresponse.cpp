#include "auth/tokenresponse.h"
#include "common/utc.h"

#include <QTest>

using Kind = ProcoreError::Kind;
Q_DECLARE_METATYPE(ProcoreError::Kind)

namespace {
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1700000000, Utc::zone);
}

class TestTokenResponse final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void resourceOwner_data();
    void resourceOwner();
};

void TestTokenResponse::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<qint64>("expiresInFromNow"); // -1: no expiry
    QTest::addColumn<QString>("refresh");

    const auto ok = [](const char *tag, const QByteArray &body, qint64 expiry,
                       const QString &refresh = QStringLiteral("r")) {
        QTest::newRow(tag) << 200 << body << Kind::None << QString() << expiry << refresh;
    };
    const auto bad = [](const char *tag, int status, const QByteArray &body, Kind kind,
                        const QString &oauthError = {}) {
        QTest::newRow(tag) << status << body << kind << oauthError << qint64(-1) << QString();
    };

    ok("procore answer, created_at now",
       R"({"access_token":"a","token_type":"bearer","expires_in":5400,"refresh_token":"r","created_at":1700000000})",
       5400);
    ok("created_at 5 min ago counts",
       R"({"access_token":"a","token_type":"bearer","expires_in":5400,"refresh_token":"r","created_at":1699999700})",
       5100);
    ok("created_at in the future never extends",
       R"({"access_token":"a","token_type":"bearer","expires_in":5400,"refresh_token":"r","created_at":1700000300})",
       5400);
    ok("created_at far past ignored (clock skew)",
       R"({"access_token":"a","token_type":"bearer","expires_in":5400,"refresh_token":"r","created_at":1484786897})",
       5400);
    ok("no created_at",
       R"({"access_token":"a","token_type":"Bearer","expires_in":60,"refresh_token":"r"})", 60);
    ok("no expires_in", R"({"access_token":"a","refresh_token":"r"})", -1);
    ok("null expires_in", R"({"access_token":"a","refresh_token":"r","expires_in":null})", -1);
    ok("no refresh token", R"({"access_token":"a","expires_in":60})", 60, QString());
    ok("extra fields ignored",
       R"({"access_token":"a","refresh_token":"r","expires_in":60,"scope":"","foo":[1,2]})", 60);
    QTest::newRow("201 counts as success")
        << 201 << QByteArray(R"({"access_token":"a","refresh_token":"r","expires_in":60})")
        << Kind::None << QString() << qint64(60) << QStringLiteral("r");

    bad("invalid_grant 400", 400,
        R"({"error":"invalid_grant","error_description":"The provided authorization grant is invalid"})",
        Kind::SignInNeeded, QStringLiteral("invalid_grant"));
    bad("invalid_grant 401", 401, R"({"error":"invalid_grant"})", Kind::SignInNeeded,
        QStringLiteral("invalid_grant"));
    bad("invalid_client 401", 401,
        R"({"error":"invalid_client","error_description":"Client authentication failed"})",
        Kind::InvalidClient, QStringLiteral("invalid_client"));
    bad("unauthorized_client", 400, R"({"error":"unauthorized_client"})", Kind::InvalidClient,
        QStringLiteral("unauthorized_client"));
    bad("invalid_request", 400, R"({"error":"invalid_request"})", Kind::InvalidClient,
        QStringLiteral("invalid_request"));
    bad("error in a 200", 200, R"({"error":"invalid_grant"})", Kind::SignInNeeded,
        QStringLiteral("invalid_grant"));
    bad("error of the wrong type", 200, R"({"error":42,"access_token":"a"})", Kind::BadData);
    bad("plain 401", 401, "Unauthorized", Kind::InvalidClient);
    bad("500 html", 500, "<html>oops</html>", Kind::ServerError);
    bad("503 json", 503, R"({"error":"temporarily_unavailable"})", Kind::ServerError,
        QStringLiteral("temporarily_unavailable"));
    bad("429", 429, "", Kind::RateLimited);
    bad("empty 200", 200, "", Kind::BadData);
    bad("malformed", 200, R"({"access_token":"a",)", Kind::BadData);
    bad("array", 200, R"([{"access_token":"a"}])", Kind::BadData);
    bad("access missing", 200, R"({"refresh_token":"r","expires_in":5})", Kind::BadData);
    bad("access empty", 200, R"({"access_token":"","refresh_token":"r"})", Kind::BadData);
    bad("access number", 200, R"({"access_token":12,"refresh_token":"r"})", Kind::BadData);
    bad("token_type mac", 200, R"({"access_token":"a","token_type":"mac"})", Kind::BadData);
    bad("token_type number", 200, R"({"access_token":"a","token_type":1})", Kind::BadData);
    bad("refresh number", 200, R"({"access_token":"a","refresh_token":7})", Kind::BadData);
    bad("refresh empty", 200, R"({"access_token":"a","refresh_token":""})", Kind::BadData);
    bad("refresh null", 200, R"({"access_token":"a","refresh_token":null})", Kind::BadData);
    bad("expires_in string", 200, R"({"access_token":"a","expires_in":"5400"})", Kind::BadData);
    bad("expires_in zero", 200, R"({"access_token":"a","expires_in":0})", Kind::BadData);
    bad("expires_in negative", 200, R"({"access_token":"a","expires_in":-5})", Kind::BadData);
    bad("expires_in fraction", 200, R"({"access_token":"a","expires_in":1.5})", Kind::BadData);
    bad("expires_in huge", 200, R"({"access_token":"a","expires_in":1e300})", Kind::BadData);
    bad("created_at string", 200, R"({"access_token":"a","expires_in":5,"created_at":"now"})",
        Kind::BadData);
    bad("created_at negative", 200, R"({"access_token":"a","expires_in":5,"created_at":-1})",
        Kind::BadData);
}

void TestTokenResponse::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(qint64, expiresInFromNow);

    const auto result = TokenResponse::parse(status, body, kNow);
    QCOMPARE(result.error.kind, kind);
    QTEST(result.oauthError, "oauthError");
    if (kind != Kind::None) {
        // Never half-filled.
        QVERIFY(result.tokens.isEmpty());
        QVERIFY(result.tokens.refreshToken.isEmpty());
        QVERIFY(!result.tokens.expiresAt.isValid());
        QVERIFY(!result.error.message.isEmpty());
        QVERIFY(!result.error.detail.contains(QLatin1String("\"a\"")));
        return;
    }
    QCOMPARE(result.tokens.accessToken, QStringLiteral("a"));
    QTEST(result.tokens.refreshToken, "refresh");
    QVERIFY(result.tokens.userId.isEmpty());
    if (expiresInFromNow < 0) {
        QVERIFY(!result.tokens.expiresAt.isValid());
    } else {
        QCOMPARE(result.tokens.expiresAt, kNow.addSecs(expiresInFromNow));
        QCOMPARE(result.tokens.expiresAt.timeSpec(), Qt::UTC);
    }
}

void TestTokenResponse::resourceOwner_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("id"); // empty: BadData expected
    QTest::newRow("procore shape")
        << QByteArray(
               R"({"resource_owner_id":42,"scopes":[],"expires_in_seconds":5399,"application":{"uid":"x"},"created_at":1})")
        << "42";
    QTest::newRow("64-bit") << QByteArray(R"({"resource_owner_id":9007199254740993})")
                            << "9007199254740993";
    QTest::newRow("string digits") << QByteArray(R"({"resource_owner_id":"77"})") << "77";
    QTest::newRow("missing") << QByteArray(R"({"scopes":[]})") << "";
    QTest::newRow("null") << QByteArray(R"({"resource_owner_id":null})") << "";
    QTest::newRow("zero") << QByteArray(R"({"resource_owner_id":0})") << "";
    QTest::newRow("fraction") << QByteArray(R"({"resource_owner_id":4.2})") << "";
    QTest::newRow("string junk") << QByteArray(R"({"resource_owner_id":"12a"})") << "";
    QTest::newRow("string padded") << QByteArray(R"({"resource_owner_id":"012"})") << "";
    QTest::newRow("bool") << QByteArray(R"({"resource_owner_id":true})") << "";
    QTest::newRow("not json") << QByteArray("<html>") << "";
}

void TestTokenResponse::resourceOwner()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, id);
    ProcoreError error;
    QCOMPARE(TokenResponse::parseResourceOwnerId(body, &error), id);
    QCOMPARE(error.kind, id.isEmpty() ? Kind::BadData : Kind::None);
}

QTEST_GUILESS_MAIN(TestTokenResponse)
#include "tst_tokenresponse.moc"
