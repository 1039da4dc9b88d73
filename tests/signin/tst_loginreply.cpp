// LoginReply: the one JSON line the sign-in helper answers with, and the exit code each
// outcome gives the helper. A line that is not exactly one of the four events is an error.
#include "signin/loginreply.h"

#include <QTest>

class TestLoginReply final : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void roundTrip();
};

void TestLoginReply::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("redirect") << QByteArray(
                                     R"({"event":"redirect","url":"http://localhost/?code=1"})")
                              << true << 0;
    QTest::newRow("cancelled") << QByteArray(R"({"event":"cancelled"})") << true << 1;
    QTest::newRow("browser") << QByteArray(R"({"event":"system-browser"})") << true << 2;
    QTest::newRow("error") << QByteArray(R"({"event":"error","message":"x"})") << true << 3;
    QTest::newRow("redirect without url") << QByteArray(R"({"event":"redirect"})") << false << 3;
    QTest::newRow("redirect relative")
        << QByteArray(R"({"event":"redirect","url":"/cb"})") << false << 3;
    QTest::newRow("extra key") << QByteArray(R"({"event":"cancelled","x":1})") << false << 3;
    QTest::newRow("error without message") << QByteArray(R"({"event":"error"})") << false << 3;
    QTest::newRow("unknown event") << QByteArray(R"({"event":"granted"})") << false << 3;
    QTest::newRow("not json") << QByteArray("cancelled") << false << 3;
    QTest::newRow("oversized") << QByteArray(R"({"event":"error","message":")") +
                                      QByteArray(20000, 'x') + "\"}"
                               << false << 3;
}

void TestLoginReply::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(int, exitCode);
    QString error;
    const LoginReply reply = LoginReply::fromJsonLine(line, &error);
    QCOMPARE(error.isEmpty(), valid);
    QCOMPARE(reply.exitCode(), exitCode);
}

void TestLoginReply::roundTrip()
{
    const QUrl url(QStringLiteral("http://127.0.0.1:8765/callback?code=a%2Bb&state=x%20y"));
    QString error;
    const LoginReply back =
        LoginReply::fromJsonLine(LoginReply::redirect(url).toJsonLine(), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(back.event, LoginReply::Event::Redirect);
    QCOMPARE(back.url.toString(QUrl::FullyEncoded), url.toString(QUrl::FullyEncoded));
    const LoginReply e =
        LoginReply::fromJsonLine(LoginReply::error(QStringLiteral("boom")).toJsonLine(), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(e.message, QStringLiteral("boom"));
}

QTEST_GUILESS_MAIN(TestLoginReply)
#include "tst_loginreply.moc"
