// LoginRequest: the one JSON line the main process hands the sign-in helper. Anything the
// helper would act on unchecked (a URL off https, a foreign profile folder, an unknown key) is
// refused with a reason; what it writes it reads back unchanged.
#include "signin/loginrequest.h"

#include <QTest>

class TestLoginRequest final : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void roundTrip();
};

void TestLoginRequest::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("errorPart"); // empty: valid

    const QByteArray good =
        R"({"authorizeUrl":"https://login.procore.com/oauth/authorize?state=s",)"
        R"("redirectUri":"http://127.0.0.1:8765/callback"})";
    QTest::newRow("minimal") << good << QString();
    QTest::newRow("full")
        << QByteArray(
               R"({"authorizeUrl":"http://127.0.0.1:4100/oauth/authorize?a=b","redirectUri":"http://localhost",)"
               R"("allowedHosts":["127.0.0.1:1234","assets.example.com"],"profileDir":"/tmp/p",)"
               R"("environmentLabel":"Sandbox"})")
        << QString();
    QTest::newRow("with newline") << good + '\n' << QString();
    QTest::newRow("in Spanish")
        << QByteArray(R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/",)"
                      R"("language":"es"})")
        << QString();
    QTest::newRow("a language the app does not speak")
        << QByteArray(R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/",)"
                      R"("language":"../../etc"})")
        << QStringLiteral("language");
    QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
    QTest::newRow("two lines") << QByteArray("{}\n{}") << QStringLiteral("single line");
    QTest::newRow("unknown key")
        << QByteArray(
               R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/","x":1})")
        << QStringLiteral("unknown key");
    QTest::newRow("missing redirect")
        << QByteArray(R"({"authorizeUrl":"https://a.example/"})") << QStringLiteral("redirectUri");
    QTest::newRow("url not string")
        << QByteArray(R"({"authorizeUrl":5,"redirectUri":"https://b.example/"})")
        << QStringLiteral("must be a string");
    QTest::newRow("http off loopback")
        << QByteArray(
               R"({"authorizeUrl":"http://login.procore.com/oauth/authorize","redirectUri":"http://127.0.0.1:8765/callback"})")
        << QStringLiteral("https");
    QTest::newRow("ftp")
        << QByteArray(R"({"authorizeUrl":"ftp://a.example/","redirectUri":"https://b.example/"})")
        << QStringLiteral("http or https");
    QTest::newRow("relative")
        << QByteArray(R"({"authorizeUrl":"/oauth/authorize","redirectUri":"https://b.example/"})")
        << QStringLiteral("absolute");
    QTest::newRow("user info")
        << QByteArray(
               R"({"authorizeUrl":"https://u:p@a.example/","redirectUri":"https://b.example/"})")
        << QStringLiteral("user info");
    QTest::newRow("authorize is redirect")
        << QByteArray(
               R"({"authorizeUrl":"https://b.example/cb?x","redirectUri":"https://b.example/cb"})")
        << QStringLiteral("must not be the redirect");
    QTest::newRow("hosts not array")
        << QByteArray(
               R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/","allowedHosts":"x"})")
        << QStringLiteral("array");
    QTest::newRow("host with scheme")
        << QByteArray(
               R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/","allowedHosts":["https://x"]})")
        << QStringLiteral("host or host:port");
    QTest::newRow("relative profile")
        << QByteArray(
               R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/","profileDir":"p"})")
        << QStringLiteral("absolute path");
    QTest::newRow("label control char")
        << QByteArray(
               R"({"authorizeUrl":"https://a.example/","redirectUri":"https://b.example/","environmentLabel":"a\u0007"})")
        << QStringLiteral("control");
    QTest::newRow("too large") << QByteArray(R"({"x":")") + QByteArray(40000, 'a') + "\"}"
                               << QStringLiteral("larger than");
    QTest::newRow("url too long") << QByteArray(R"({"authorizeUrl":"https://a.example/?)") +
                                         QByteArray(9000, 'a') +
                                         R"(","redirectUri":"https://b.example/"})"
                                  << QStringLiteral("too long");
}

void TestLoginRequest::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, errorPart);
    QString error;
    const LoginRequest request = LoginRequest::fromJsonLine(line, &error);
    if (errorPart.isEmpty()) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(request.authorizeUrl.isValid());
        QVERIFY(request.validate().isEmpty());
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QVERIFY(request.authorizeUrl.isEmpty());
    }
}

void TestLoginRequest::roundTrip()
{
    LoginRequest request;
    request.authorizeUrl =
        QUrl(QStringLiteral("https://login.procore.com/oauth/"
                            "authorize?response_type=code&state=a%2Bb&code_challenge=x_-y"));
    request.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:8765/callback"));
    request.allowedHosts = {QStringLiteral("assets.procore.com")};
    request.profileDir = QStringLiteral("/home/u/.local/share/p");
    request.environmentLabel = QStringLiteral("Sandbox");
    request.language = QStringLiteral("es");
    const QByteArray line = request.toJsonLine();
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QString error;
    const LoginRequest back = LoginRequest::fromJsonLine(line, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(back.authorizeUrl, request.authorizeUrl);
    QCOMPARE(back.authorizeUrl.query(QUrl::FullyEncoded),
             request.authorizeUrl.query(QUrl::FullyEncoded));
    QCOMPARE(back.redirectUri, request.redirectUri);
    QCOMPARE(back.allowedHosts, request.allowedHosts);
    QCOMPARE(back.profileDir, request.profileDir);
    QCOMPARE(back.environmentLabel, request.environmentLabel);
    QCOMPARE(back.language, request.language);
}

QTEST_GUILESS_MAIN(TestLoginRequest)
#include "tst_loginrequest.moc"
