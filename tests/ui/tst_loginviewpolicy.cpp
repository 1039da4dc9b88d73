// The sign-in window's rules without a browser: navigation policy, request/reply protocol
// and the profile folder helper.
#include "signin/loginnavigationpolicy.h"
#include "signin/loginreply.h"
#include "signin/loginrequest.h"
#include "storage/loginprofile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Decision = LoginNavigationPolicy::Decision;
Q_DECLARE_METATYPE(Decision)

class TestLoginViewPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void sameEndpoint_data();
    void sameEndpoint();
    void hostEntries_data();
    void hostEntries();
    void request_data();
    void request();
    void requestRoundTrip();
    void reply_data();
    void reply();
    void replyRoundTrip();
    void profileClear();
    void profileRefusesForeignFolder();
};

static LoginNavigationPolicy samplePolicy()
{
    LoginNavigationPolicy policy;
    policy.setRedirectUri(QUrl(QStringLiteral("http://127.0.0.1:8765/callback")));
    policy.setAllowedHosts({QStringLiteral("assets.procore.com"),
                            QStringLiteral("cdn.example.net:8443"), QStringLiteral("bad host!")});
    policy.allowHostOf(QUrl(QStringLiteral("https://login.procore.com/oauth/authorize?x=1")));
    policy.allowHostOf(QUrl(QStringLiteral("http://127.0.0.1:4100/oauth/authorize")));
    return policy;
}

void TestLoginViewPolicy::decide_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("mainFrame");
    QTest::addColumn<Decision>("expected");

    const auto row = [](const char *name, const char *url, bool main, Decision d) {
        QTest::newRow(name) << QString::fromLatin1(url) << main << d;
    };
    row("redirect with code", "http://127.0.0.1:8765/callback?code=abc&state=s", true,
        Decision::CatchRedirect);
    row("redirect with error", "http://127.0.0.1:8765/callback?error=access_denied", true,
        Decision::CatchRedirect);
    row("redirect in a frame is refused", "http://127.0.0.1:8765/callback?code=abc", false,
        Decision::Refuse);
    row("redirect other path", "http://127.0.0.1:8765/callback2?code=abc", true, Decision::Refuse);
    row("redirect other port", "http://127.0.0.1:8766/callback?code=abc", true, Decision::Refuse);
    row("redirect as localhost is not it", "http://localhost:8765/callback?code=abc", true,
        Decision::Refuse);
    row("login host", "https://login.procore.com/sessions", true, Decision::Load);
    row("login host upper case", "https://LOGIN.procore.com/sessions", true, Decision::Load);
    row("login host explicit 443", "https://login.procore.com:443/x", true, Decision::Load);
    row("login host other port", "https://login.procore.com:444/x", true, Decision::OpenExternally);
    row("login host over http", "http://login.procore.com/x", true, Decision::OpenExternally);
    row("login host http in frame", "http://login.procore.com/x", false, Decision::Refuse);
    row("asset host", "https://assets.procore.com/app.js", false, Decision::Load);
    row("asset host with port", "https://cdn.example.net:8443/a.css", true, Decision::Load);
    row("asset host wrong port", "https://cdn.example.net/a.css", true, Decision::OpenExternally);
    row("emulator", "http://127.0.0.1:4100/oauth/authorize?x", true, Decision::Load);
    row("emulator other port", "http://127.0.0.1:4101/rest/v1.0/me", true, Decision::Refuse);
    row("foreign link", "https://www.procore.com/privacy", true, Decision::OpenExternally);
    row("foreign frame", "https://www.google.com/recaptcha", false, Decision::Refuse);
    row("suffix trick", "https://login.procore.com.evil.example/x", true, Decision::OpenExternally);
    row("mailto", "mailto:support@procore.com", true, Decision::OpenExternally);
    row("about blank", "about:blank", false, Decision::Load);
    row("file", "file:///etc/passwd", true, Decision::Refuse);
    row("data", "data:text/html,hi", true, Decision::Refuse);
    row("javascript", "javascript:alert(1)", true, Decision::Refuse);
    row("custom scheme", "procore-desktop://project/1", true, Decision::Refuse);
}

void TestLoginViewPolicy::decide()
{
    QFETCH(QString, url);
    QFETCH(bool, mainFrame);
    QFETCH(Decision, expected);
    QCOMPARE(samplePolicy().decide(QUrl(url), mainFrame), expected);
}

void TestLoginViewPolicy::sameEndpoint_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("query ignored") << "http://127.0.0.1:8765/callback"
                                   << "http://127.0.0.1:8765/callback?code=1" << true;
    QTest::newRow("empty path is slash") << "http://localhost"
                                         << "http://localhost/?code=1" << true;
    QTest::newRow("default port") << "https://example.com/cb"
                                  << "https://example.com:443/cb" << true;
    QTest::newRow("trailing slash matters") << "http://127.0.0.1:8765/callback"
                                            << "http://127.0.0.1:8765/callback/" << false;
    QTest::newRow("scheme matters") << "http://example.com/cb"
                                    << "https://example.com/cb" << false;
    QTest::newRow("path case matters") << "http://example.com/cb"
                                       << "http://example.com/CB" << false;
    QTest::newRow("relative never") << "/callback"
                                    << "/callback" << false;
}

void TestLoginViewPolicy::sameEndpoint()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(LoginNavigationPolicy::sameEndpoint(QUrl(a), QUrl(b)), same);
}

void TestLoginViewPolicy::hostEntries_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<bool>("valid");
    for (const char *ok :
         {"login.procore.com", "127.0.0.1:1234", "a-b.example:1", "[::1]:80", "[::1]", "localhost"})
        QTest::newRow(ok) << QString::fromLatin1(ok) << true;
    for (const char *bad : {"", "https://login.procore.com", "host:0", "host:65536",
                            "host:", "*.procore.com", "host/path", "-bad.example", "[zz]:1", "a b"})
        QTest::newRow(bad[0] ? bad : "empty") << QString::fromLatin1(bad) << false;
}

void TestLoginViewPolicy::hostEntries()
{
    QFETCH(QString, entry);
    QFETCH(bool, valid);
    QCOMPARE(LoginNavigationPolicy::isValidHostEntry(entry), valid);
}

void TestLoginViewPolicy::request_data()
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

void TestLoginViewPolicy::request()
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

void TestLoginViewPolicy::requestRoundTrip()
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

void TestLoginViewPolicy::reply_data()
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

void TestLoginViewPolicy::reply()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(int, exitCode);
    QString error;
    const LoginReply reply = LoginReply::fromJsonLine(line, &error);
    QCOMPARE(error.isEmpty(), valid);
    QCOMPARE(reply.exitCode(), exitCode);
}

void TestLoginViewPolicy::replyRoundTrip()
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

void TestLoginViewPolicy::profileClear()
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("profile"));
    QVERIFY(LoginProfile::clear(dir)); // nothing there: already clear
    QVERIFY(LoginProfile::prepare(dir));
    QVERIFY(LoginProfile::isProfileDir(dir));
    QCOMPARE(QFile::permissions(dir) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QDir(dir).mkpath(QStringLiteral("Local Storage/leveldb"));
    QFile cookie(QDir(dir).filePath(QStringLiteral("Cookies")));
    QVERIFY(cookie.open(QIODevice::WriteOnly));
    cookie.write("session");
    cookie.close();
    QVERIFY(LoginProfile::prepare(dir)); // preparing again keeps it
    QVERIFY(QFile::exists(cookie.fileName()));
    QVERIFY(LoginProfile::clear(dir));
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY(!LoginProfile::clear(QStringLiteral("relative/path")));
}

void TestLoginViewPolicy::profileRefusesForeignFolder()
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("documents"));
    QVERIFY(QDir().mkpath(dir));
    QFile file(QDir(dir).filePath(QStringLiteral("plans.pdf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!LoginProfile::clear(dir, &error));
    QVERIFY(error.contains(QStringLiteral("not a sign-in profile")));
    QVERIFY(!LoginProfile::prepare(dir, &error)); // would make it deletable later
    QVERIFY(QFile::exists(file.fileName()));
    QVERIFY(!LoginProfile::clear(root.path())); // the parent is not ours either
}

QTEST_GUILESS_MAIN(TestLoginViewPolicy)
#include "tst_loginviewpolicy.moc"
