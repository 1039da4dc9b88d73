#include "auth/authorizationresponse.h"
#include "auth/redirectreplyhandler.h"

#include <QSignalSpy>
#include <QTest>

using Kind = ProcoreError::Kind;
using RKind = AuthorizationResponse::Kind;
Q_DECLARE_METATYPE(ProcoreError::Kind)
Q_DECLARE_METATYPE(AuthorizationResponse::Kind)

namespace {
const QString kState = QStringLiteral("s7Fq-9_Zx");
}

class TestRedirectParsing final : public QObject
{
    Q_OBJECT

private slots:
    void redirect_data();
    void redirect();
    void pasted_data();
    void pasted();
    void handlerForwardsOnlyGoodAnswers();
    void handlerRefusesMismatchAndDisarms();
    void handlerIgnoresForeignUrls();
};

void TestRedirectParsing::redirect_data()
{
    QTest::addColumn<QString>("redirectUri");
    QTest::addColumn<QString>("url");
    QTest::addColumn<RKind>("kind");
    QTest::addColumn<Kind>("check");
    QTest::addColumn<QString>("code");

    const QString loop = QStringLiteral("http://127.0.0.1:8765/callback");
    const QString s = QStringLiteral("&state=") + kState;
    const auto row = [&](const char *tag, const QString &redirect, const QString &url, RKind kind,
                         Kind check, const QString &code = {}) {
        QTest::newRow(tag) << redirect << url << kind << check << code;
    };

    row("code", loop, loop + "?code=abc" + s, RKind::Code, Kind::None, "abc");
    row("code, params reordered", loop, loop + "?state=" + kState + "&code=abc", RKind::Code,
        Kind::None, "abc");
    row("encoded code", loop, loop + "?code=a%2Bb%3D" + s, RKind::Code, Kind::None, "a+b=");
    row("extra params ok", loop, loop + "?code=abc" + s + "&foo=1", RKind::Code, Kind::None, "abc");
    row("explicit default port", "http://localhost", "http://localhost:80/?code=abc" + s,
        RKind::Code, Kind::None, "abc");
    row("empty path equals slash", "http://localhost", "http://localhost/?code=abc" + s,
        RKind::Code, Kind::None, "abc");
    row("host case-insensitive", loop, "http://127.0.0.1:8765/callback?code=abc" + s, RKind::Code,
        Kind::None, "abc");
    row("custom scheme", "procore-desktop://callback", "procore-desktop://callback?code=abc" + s,
        RKind::Code, Kind::None, "abc");
    row("state mismatch", loop, loop + "?code=abc&state=other", RKind::Code, Kind::StateMismatch,
        "abc");
    row("state missing", loop, loop + "?code=abc", RKind::Code, Kind::StateMismatch, "abc");
    row("state empty", loop, loop + "?code=abc&state=", RKind::Code, Kind::StateMismatch, "abc");
    row("state prefix", loop, loop + "?code=abc&state=" + kState.left(4), RKind::Code,
        Kind::StateMismatch, "abc");
    row("access_denied", loop, loop + "?error=access_denied" + s, RKind::Error,
        Kind::AccessDeclined);
    row("access_denied without state", loop,
        loop + "?error=access_denied&error_description=The+user+denied", RKind::Error,
        Kind::AccessDeclined);
    row("access_denied foreign state", loop, loop + "?error=access_denied&state=x", RKind::Error,
        Kind::StateMismatch);
    row("server_error", loop, loop + "?error=server_error" + s, RKind::Error, Kind::ServerError);
    row("invalid_request", loop, loop + "?error=invalid_request" + s, RKind::Error,
        Kind::InvalidClient);
    row("missing code", loop, loop + "?state=" + kState, RKind::NoCode, Kind::BadData);
    row("no query", loop, loop, RKind::NoCode, Kind::BadData);
    // Which URLs are the redirect at all is RedirectUri's table (tst_redirecturi); these two
    // show that the parse applies it.
    row("foreign host", loop, "http://127.0.0.2:8765/callback?code=abc" + s, RKind::NotRedirect,
        Kind::Config);
    row("fragment", loop, loop + "?code=abc" + s + "#_=_", RKind::Code, Kind::None, "abc");
}

void TestRedirectParsing::redirect()
{
    QFETCH(QString, redirectUri);
    QFETCH(QString, url);
    QFETCH(RKind, kind);
    QFETCH(Kind, check);
    const auto response = AuthorizationResponse::fromRedirect(QUrl(redirectUri), QUrl(url));
    QCOMPARE(response.kind, kind);
    QCOMPARE(response.check(kState).kind, check);
    if (kind == RKind::Code)
        QTEST(response.code, "code");
    // Whatever arrives, an unarmed check (no attempt running) never accepts it.
    QVERIFY(response.check({}).isError());
}

void TestRedirectParsing::pasted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<RKind>("kind");
    QTest::addColumn<Kind>("check");
    QTest::addColumn<QString>("code");
    QTest::newRow("bare code") << "  Zx81_-.~abc \n" << RKind::Code << Kind::None << "Zx81_-.~abc";
    QTest::newRow("url with state")
        << "https://login.procore.com/oauth/authorize/native?code=q1&state=" + kState << RKind::Code
        << Kind::None << "q1";
    QTest::newRow("url with wrong state") << "http://127.0.0.1:8765/callback?code=q1&state=nope"
                                          << RKind::Code << Kind::StateMismatch << "q1";
    QTest::newRow("query only") << "code=q2" << RKind::Code << Kind::None << "q2";
    QTest::newRow("denied url") << "urn:ietf:wg:oauth:2.0:oob?error=access_denied" << RKind::Error
                                << Kind::AccessDeclined << "";
    QTest::newRow("empty") << "   " << RKind::NoCode << Kind::BadData << "";
    QTest::newRow("prose") << "I could not find it" << RKind::NoCode << Kind::BadData << "";
    QTest::newRow("url without code")
        << "https://login.procore.com/?state=" + kState << RKind::NoCode << Kind::BadData << "";
}

void TestRedirectParsing::pasted()
{
    QFETCH(QString, text);
    QFETCH(RKind, kind);
    QFETCH(Kind, check);
    const auto response = AuthorizationResponse::fromPastedText(text);
    QCOMPARE(response.kind, kind);
    QCOMPARE(response.check(kState).kind, check);
    if (kind == RKind::Code)
        QTEST(response.code, "code");
}

void TestRedirectParsing::handlerForwardsOnlyGoodAnswers()
{
    RedirectReplyHandler handler(QStringLiteral("http://127.0.0.1:8765/callback"));
    QCOMPARE(handler.callback(), QStringLiteral("http://127.0.0.1:8765/callback"));
    QSignalSpy callbacks(&handler, &RedirectReplyHandler::codeReceived);
    QSignalSpy flowCallbacks(&handler, &QAbstractOAuthReplyHandler::callbackReceived);
    QSignalSpy failures(&handler, &RedirectReplyHandler::authorizationFailed);

    // Not armed: consumed but ignored.
    QVERIFY(handler.handleRedirect(
        QUrl(QStringLiteral("http://127.0.0.1:8765/callback?code=a&state=") + kState)));
    QCOMPARE(callbacks.count(), 0);
    QCOMPARE(failures.count(), 0);

    handler.expectState(kState);
    QVERIFY(handler.isArmed());
    QVERIFY(handler.handleRedirect(
        QUrl(QStringLiteral("http://127.0.0.1:8765/callback?code=a%2Bb&state=") + kState)));
    QCOMPARE(callbacks.count(), 1);
    // Decoded: the exchange encodes it when posting it (see codeExchangeBodyEncoding).
    QCOMPARE(callbacks.first().first().toString(), QStringLiteral("a+b"));
    // Qt's flow never hears of it, so it can never post the code itself.
    QCOMPARE(flowCallbacks.count(), 0);
    // Used up: a replay does not start a second exchange.
    QVERIFY(!handler.isArmed());
    QVERIFY(handler.handleRedirect(
        QUrl(QStringLiteral("http://127.0.0.1:8765/callback?code=a&state=") + kState)));
    QCOMPARE(callbacks.count(), 1);
}

void TestRedirectParsing::handlerRefusesMismatchAndDisarms()
{
    RedirectReplyHandler handler(QStringLiteral("urn:ietf:wg:oauth:2.0:oob"));
    QSignalSpy callbacks(&handler, &RedirectReplyHandler::codeReceived);
    QSignalSpy failures(&handler, &RedirectReplyHandler::authorizationFailed);
    handler.expectState(kState);
    QVERIFY(handler.handlePastedCode(QStringLiteral("https://x.example/?code=c&state=evil")));
    QCOMPARE(failures.count(), 1);
    QCOMPARE(failures.first().first().value<ProcoreError>().kind, Kind::StateMismatch);
    QVERIFY(!handler.isArmed());
    QCOMPARE(callbacks.count(), 0);

    handler.expectState(kState);
    QVERIFY(!handler.handlePastedCode(QStringLiteral("no code here")));
    QVERIFY(handler.isArmed());
    QVERIFY(handler.handlePastedCode(QStringLiteral("c0de")));
    QCOMPARE(callbacks.count(), 1);
}

void TestRedirectParsing::handlerIgnoresForeignUrls()
{
    RedirectReplyHandler handler(QStringLiteral("http://127.0.0.1:8765/callback"));
    QSignalSpy failures(&handler, &RedirectReplyHandler::authorizationFailed);
    handler.expectState(kState);
    QVERIFY(
        !handler.handleRedirect(QUrl(QStringLiteral("https://login.procore.com/session?code=x"))));
    QVERIFY(!handler.handleRedirect(QUrl(QStringLiteral("http://127.0.0.1:8765/favicon.ico"))));
    QCOMPARE(failures.count(), 0);
    QVERIFY(handler.isArmed());
}

QTEST_GUILESS_MAIN(TestRedirectParsing)
#include "tst_redirectparsing.moc"
