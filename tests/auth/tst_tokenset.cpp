#include "auth/tokenset.h"
#include "common/utc.h"

#include <QTest>

class TestTokenSet final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void badStored_data();
    void badStored();
    void expiry();
};

void TestTokenSet::roundTrip_data()
{
    QTest::addColumn<TokenSet>("tokens");
    TokenSet full;
    full.accessToken = QStringLiteral("access-\u00e9\"\\/token");
    full.refreshToken = QStringLiteral("refresh");
    full.expiresAt = QDateTime::fromSecsSinceEpoch(1790000000, Utc::zone);
    full.userId = QStringLiteral("9007199254740993"); // > 2^53: must survive as text
    QTest::newRow("full") << full;
    TokenSet noExpiry = full;
    noExpiry.expiresAt = {};
    noExpiry.refreshToken.clear();
    QTest::newRow("no expiry, no refresh token") << noExpiry;
    TokenSet big = full;
    big.accessToken = QString(5000, QLatin1Char('a'));
    QTest::newRow("large") << big;
}

void TestTokenSet::roundTrip()
{
    QFETCH(TokenSet, tokens);
    ProcoreError error(ProcoreError::Kind::Offline, QStringLiteral("stale"));
    const TokenSet back = TokenSet::fromJson(tokens.toJson(), &error);
    QVERIFY2(!error, qPrintable(error.detail));
    QCOMPARE(back, tokens);
    QCOMPARE(back.expiresAt.timeSpec(),
             tokens.expiresAt.isValid() ? Qt::UTC : back.expiresAt.timeSpec());
}

void TestTokenSet::badStored_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray ok =
        R"("access_token":"a","refresh_token":"r","user_id":"1","expires_at":1790000000)";
    QTest::newRow("valid control") << QByteArray("{\"format\":1," + ok + "}");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("truncated") << QByteArray("{\"format\":1," + ok);
    QTest::newRow("no format") << QByteArray("{" + ok + "}");
    QTest::newRow("format 2") << QByteArray("{\"format\":2," + ok + "}");
    QTest::newRow("format string") << QByteArray("{\"format\":\"1\"," + ok + "}");
    QTest::newRow("access number") << QByteArray(
        R"({"format":1,"access_token":5,"refresh_token":"r","user_id":"1","expires_at":1})");
    QTest::newRow("access empty") << QByteArray(
        R"({"format":1,"access_token":"","refresh_token":"r","user_id":"1","expires_at":1})");
    QTest::newRow("refresh missing")
        << QByteArray(R"({"format":1,"access_token":"a","user_id":"1","expires_at":1})");
    QTest::newRow("refresh null") << QByteArray(
        R"({"format":1,"access_token":"a","refresh_token":null,"user_id":"1","expires_at":1})");
    QTest::newRow("user number") << QByteArray(
        R"({"format":1,"access_token":"a","refresh_token":"r","user_id":1,"expires_at":1})");
    QTest::newRow("expiry string") << QByteArray(
        R"({"format":1,"access_token":"a","refresh_token":"r","user_id":"1","expires_at":"1"})");
    QTest::newRow("expiry fraction") << QByteArray(
        R"({"format":1,"access_token":"a","refresh_token":"r","user_id":"1","expires_at":1.5})");
    QTest::newRow("expiry negative") << QByteArray(
        R"({"format":1,"access_token":"a","refresh_token":"r","user_id":"1","expires_at":-4})");
    QTest::newRow("expiry missing")
        << QByteArray(R"({"format":1,"access_token":"a","refresh_token":"r","user_id":"1"})");
}

void TestTokenSet::badStored()
{
    QFETCH(QByteArray, json);
    ProcoreError error;
    const TokenSet tokens = TokenSet::fromJson(json, &error);
    if (QByteArray(QTest::currentDataTag()) == "valid control") {
        QVERIFY(!error);
        QCOMPARE(tokens.accessToken, QStringLiteral("a"));
        return;
    }
    QCOMPARE(error.kind, ProcoreError::Kind::BadData);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(tokens.isEmpty());
    QVERIFY(tokens.refreshToken.isEmpty());
    QVERIFY(tokens.userId.isEmpty());
    QVERIFY(!tokens.expiresAt.isValid());
}

void TestTokenSet::expiry()
{
    TokenSet tokens;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1000000, Utc::zone);
    QVERIFY(!tokens.isExpired(now)); // unknown expiry is not "expired"
    tokens.expiresAt = now.addSecs(100);
    QVERIFY(!tokens.isExpired(now));
    QVERIFY(tokens.isExpired(now, 100));
    QVERIFY(tokens.isExpired(now.addSecs(101)));
}

QTEST_GUILESS_MAIN(TestTokenSet)
#include "tst_tokenset.moc"
