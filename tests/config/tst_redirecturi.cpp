// The one rule for "this is the sign-in answer": the login window catches with it and the
// redirect handler accepts with it (tst_loginviewpolicy and tst_redirectparsing rely on it).
#include "config/redirecturi.h"

#include <QTest>

class TestRedirectUri final : public QObject
{
    Q_OBJECT
private slots:
    void matches_data();
    void matches();
};

void TestRedirectUri::matches_data()
{
    QTest::addColumn<QString>("redirectUri");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("match");

    const QString loop = QStringLiteral("http://127.0.0.1:8765/callback");
    const auto row = [](const char *tag, const QString &redirect, const QString &url, bool match) {
        QTest::newRow(tag) << redirect << url << match;
    };
    row("query ignored", loop, loop + "?code=1&state=s", true);
    row("fragment ignored", loop, loop + "?code=1#_=_", true);
    row("empty path is slash", "http://localhost", "http://localhost/?code=1", true);
    row("explicit default port", "http://localhost", "http://localhost:80/?code=1", true);
    row("https default port", "https://example.com/cb", "https://example.com:443/cb", true);
    row("host case", "https://example.com/cb", "https://EXAMPLE.com/cb", true);
    row("custom scheme", "procore-desktop://callback", "procore-desktop://callback?code=1", true);
    row("user info", loop, "http://evil@127.0.0.1:8765/callback?code=1", false);
    row("foreign host", loop, "http://127.0.0.2:8765/callback", false);
    row("localhost is not 127.0.0.1", loop, "http://localhost:8765/callback", false);
    row("foreign port", loop, "http://127.0.0.1:8766/callback", false);
    row("foreign path", loop, "http://127.0.0.1:8765/callbackx", false);
    row("trailing slash matters", loop, loop + "/", false);
    row("path case matters", loop, "http://127.0.0.1:8765/Callback", false);
    row("scheme matters", loop, "https://127.0.0.1:8765/callback", false);
    row("login page", loop, "https://login.procore.com/oauth/authorize?code=1", false);
    row("relative never", "/callback", "/callback", false);
    row("invalid redirect URI", QString(), loop, false);
}

void TestRedirectUri::matches()
{
    QFETCH(QString, redirectUri);
    QFETCH(QString, url);
    QFETCH(bool, match);
    QCOMPARE(RedirectUri::matches(QUrl(redirectUri), QUrl(url)), match);
}

QTEST_GUILESS_MAIN(TestRedirectUri)
#include "tst_redirecturi.moc"
