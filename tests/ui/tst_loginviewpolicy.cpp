// The sign-in window's navigation policy without a browser (the request/reply protocol and
// the profile folder have their own suites: tests/signin, tests/storage).
#include "signin/loginnavigationpolicy.h"

#include <QTest>

using Decision = LoginNavigationPolicy::Decision;
Q_DECLARE_METATYPE(Decision)

class TestLoginViewPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void hostEntries_data();
    void hostEntries();
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
    // The handler takes what the view catches (the same RedirectUri rule).
    row("redirect with a fragment", "http://127.0.0.1:8765/callback?code=abc#_=_", true,
        Decision::CatchRedirect);
    row("redirect with user info", "http://evil@127.0.0.1:8765/callback?code=abc", true,
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

QTEST_GUILESS_MAIN(TestLoginViewPolicy)
#include "tst_loginviewpolicy.moc"
