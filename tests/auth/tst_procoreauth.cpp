// ProcoreAuth sign-in against the emulator over real loopback HTTP.
#include "authharness.h"

#include "auth/loopbacklistener.h"
#include "auth/redirectreplyhandler.h"
#include "support/testhttp.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using Kind = ProcoreError::Kind;

namespace {

ProcoreError firstError(const QSignalSpy &spy)
{
    return spy.isEmpty() ? ProcoreError() : spy.first().first().value<ProcoreError>();
}

QUrl withQueryItem(QUrl url, const QString &key, const QString &value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(key);
    query.addQueryItem(key, value);
    url.setQuery(query);
    return url;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestProcoreAuth final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fullSignIn();
    void tamperedStateThenSecondSignIn();
    void deny();
    void pkce_data();
    void pkce();
    void wrongSecret();
    void codeExchangeTimeout();
    void codeExchangeBodyEncoding();
    void cancelIgnoresLateRedirect();
    void outOfBandPastedCode();
    void loopbackListener();
    void loopbackPortBusy();
};

void TestProcoreAuth::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_procoreauth"));
}

void TestProcoreAuth::init()
{
    QSettings().clear();
}

void TestProcoreAuth::fullSignIn()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QSignalSpy states(auth.get(), &ProcoreAuth::stateChanged);
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);

    const QUrl url = h.beginSignIn(*auth);
    QCOMPARE(auth->state(), ProcoreAuth::State::AwaitingAuthorization);
    const QUrlQuery query(url);
    QCOMPARE(url.path(), QStringLiteral("/oauth/authorize"));
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), EmulatorProcess::clientId());
    QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             EmulatorProcess::redirectUri());
    QCOMPARE(query.queryItemValue(QStringLiteral("state")).size(), 43);
    QVERIFY(!query.hasQueryItem(QStringLiteral("scope")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code_challenge")));

    const BrowserFlowResult result = h.browse(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(signedIn.wait(10000));

    QCOMPARE(auth->state(), ProcoreAuth::State::SignedIn);
    QVERIFY(auth->isSignedIn());
    QVERIFY(!auth->userId().isEmpty());
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
    // 5400 s from the emulator's created_at, kept in UTC.
    QCOMPARE(auth->expiresAt().timeSpec(), Qt::UTC);
    const qint64 lifetime = before.secsTo(auth->expiresAt());
    QVERIFY2(lifetime > 5390 && lifetime <= 5401, qPrintable(QString::number(lifetime)));
    // The whole set went to the store under environment + user; the user is remembered.
    const QString key = h.environment().key() + QLatin1Char('/') + auth->userId();
    QVERIFY2(h.store.entries().contains(key), qPrintable(h.store.entries().keys().join(u',')));
    QCOMPARE(h.store.entries().value(key).accessToken, auth->accessToken());
    QCOMPARE(QSettings()
                 .value(QStringLiteral("accounts/%1/lastUser").arg(h.environment().key()))
                 .toString(),
             auth->userId());
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token")), 1);
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token/info")), 1);
    QVERIFY(states.count() >= 3); // awaiting -> exchanging -> signed in

    // A second instance (the next app start) restores it without the network.
    auto again = h.makeAuth();
    QSignalSpy restored(again.get(), &ProcoreAuth::signedIn);
    again->restore();
    QCOMPARE(again->state(), ProcoreAuth::State::Restoring);
    QVERIFY(restored.wait(5000));
    QCOMPARE(again->accessToken(), auth->accessToken());
    QCOMPARE(again->userId(), auth->userId());
    QCOMPARE(again->expiresAt(), auth->expiresAt());
}

void TestProcoreAuth::tamperedStateThenSecondSignIn()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const QUrl first = h.beginSignIn(*auth);
    const BrowserFlowResult result = h.browse(first);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    const QUrl tampered =
        withQueryItem(result.redirect, QStringLiteral("state"), QStringLiteral("attacker-state"));
    QVERIFY(auth->redirectHandler()->handleRedirect(tampered));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::StateMismatch);
    QVERIFY(!firstError(failed).message.isEmpty());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token")), 0); // the code was never sent
    // The genuine redirect of that attempt no longer counts either.
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QTest::qWait(200);
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token")), 0);

    // A new attempt gets a new state and works.
    QString why;
    QSignalSpy urls(auth.get(), &ProcoreAuth::authorizationUrlReady);
    QVERIFY2(h.signIn(*auth, &why), qPrintable(why));
    QVERIFY(QUrlQuery(urls.first().first().toUrl()).queryItemValue(QStringLiteral("state")) !=
            QUrlQuery(first).queryItemValue(QStringLiteral("state")));
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedIn);
}

void TestProcoreAuth::deny()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const BrowserFlowResult result = h.browse(h.beginSignIn(*auth), BrowserFlow::Decision::Deny);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QCOMPARE(QUrlQuery(result.redirect).queryItemValue(QStringLiteral("error")),
             QStringLiteral("access_denied"));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::AccessDeclined);
    QVERIFY(firstError(failed).message.contains(QStringLiteral("declined")));
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QVERIFY(!auth->isSignedIn());
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token")), 0);
}

void TestProcoreAuth::pkce_data()
{
    QTest::addColumn<bool>("requirePkce");
    QTest::addColumn<bool>("usePkce");
    QTest::addColumn<Kind>("outcome");
    QTest::newRow("server optional, app off") << false << false << Kind::None;
    QTest::newRow("server optional, app on") << false << true << Kind::None;
    QTest::newRow("server requires, app on") << true << true << Kind::None;
    QTest::newRow("server requires, app off") << true << false << Kind::InvalidClient;
}

void TestProcoreAuth::pkce()
{
    QFETCH(bool, requirePkce);
    QFETCH(bool, usePkce);
    QFETCH(Kind, outcome);
    AuthHarness h;
    QVERIFY(h.start(requirePkce ? QStringList{QStringLiteral("--require-pkce")} : QStringList{}));
    ClientConfig client = h.client();
    client.usePkce = usePkce;
    auto auth = h.makeAuth(client);
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);

    const QUrl url = h.beginSignIn(*auth);
    const QUrlQuery query(url);
    // Exactly one challenge, ours: Qt 6.8 would add its own beside it unless switched off.
    QCOMPARE(query.allQueryItemValues(QStringLiteral("code_challenge")).size(), usePkce ? 1 : 0);
    QCOMPARE(query.allQueryItemValues(QStringLiteral("code_challenge_method")).size(),
             usePkce ? 1 : 0);
    if (usePkce) {
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    }
    const BrowserFlowResult result = h.browse(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    if (outcome == Kind::None) {
        QVERIFY(signedIn.count() || signedIn.wait(10000));
        QCOMPARE(h.meStatus(auth->accessToken()), 200);
    } else {
        QVERIFY(failed.count() || failed.wait(10000));
        QCOMPARE(firstError(failed).kind, outcome);
        QVERIFY(!auth->isSignedIn());
    }
}

void TestProcoreAuth::wrongSecret()
{
    AuthHarness h;
    QVERIFY(h.start());
    ClientConfig client = h.client();
    client.clientSecret = QStringLiteral("not-the-secret");
    auto auth = h.makeAuth(client);
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const BrowserFlowResult result = h.browse(h.beginSignIn(*auth));
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QCOMPARE(auth->state(), ProcoreAuth::State::ExchangingCode);
    QVERIFY(failed.wait(10000));
    const ProcoreError error = firstError(failed);
    QCOMPARE(error.kind, Kind::InvalidClient);
    QCOMPARE(error.httpStatus, 401);
    QVERIFY(error.detail.contains(QStringLiteral("invalid_client")));
    QVERIFY(!error.detail.contains(QStringLiteral("not-the-secret")));
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QVERIFY(h.store.entries().isEmpty());
}

void TestProcoreAuth::codeExchangeTimeout()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    auth->setRequestTimeout(500);
    QVERIFY(
        h.emulator.setFault(QJsonObject{{QStringLiteral("kind"), QStringLiteral("stall")},
                                        {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const BrowserFlowResult result = h.browse(h.beginSignIn(*auth));
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(failed.wait(5000));
    QCOMPARE(firstError(failed).kind, Kind::Timeout);
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    // Not stuck: the next attempt works.
    QVERIFY(h.emulator.clearFaults());
    QString why;
    QVERIFY2(h.signIn(*auth, &why), qPrintable(why));
}

void TestProcoreAuth::codeExchangeBodyEncoding()
{
    // A bare TCP server stands in for the token endpoint and records the form Qt's flow posts,
    // with a secret full of characters that form encoding must escape.
    QTcpServer capture;
    QVERIFY(capture.listen(QHostAddress::LocalHost, 0));
    QByteArray request;
    connect(&capture, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = capture.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&request, socket] {
            request += socket->readAll();
            if (request.contains("\r\n\r\n") && request.contains("client_id"))
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                              "Content-Length: 25\r\nConnection: close\r\n\r\n"
                              "{\"error\":\"invalid_grant\"}");
        });
    });
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(capture.serverPort());
    ClientConfig client;
    client.clientId = QStringLiteral("id with space");
    client.clientSecret = QStringLiteral("s+e&c=r%t/?#");
    client.redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
    client.usePkce = true;
    QNetworkAccessManager network;
    MemoryTokenStore store;
    ProcoreAuth auth(Environment::custom(base, base), client, &store, &network);
    QSignalSpy urls(&auth, &ProcoreAuth::authorizationUrlReady);
    QSignalSpy failed(&auth, &ProcoreAuth::signInFailed);
    auth.signIn();
    QCOMPARE(urls.count(), 1);
    const QString state =
        QUrlQuery(urls.first().first().toUrl()).queryItemValue(QStringLiteral("state"));
    QVERIFY(auth.redirectHandler()->handleRedirect(
        QUrl(client.redirectUri + QStringLiteral("?code=c%2Bo%26de&state=") + state)));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().value<ProcoreError>().kind,
             Kind::SignInNeeded); // invalid_grant

    const QByteArray body = request.mid(request.indexOf("\r\n\r\n") + 4);
    QMap<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        const int eq = pair.indexOf('=');
        form.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq))),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(
                        QByteArray(pair.mid(eq + 1)).replace('+', ' '))));
    }
    QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(form.value(QStringLiteral("client_secret")), client.clientSecret);
    QCOMPARE(form.value(QStringLiteral("client_id")), client.clientId);
    QCOMPARE(form.value(QStringLiteral("code")), QStringLiteral("c+o&de"));
    QCOMPARE(form.value(QStringLiteral("redirect_uri")), client.redirectUri);
    QCOMPARE(form.value(QStringLiteral("code_verifier")).size(), 43);
}

void TestProcoreAuth::cancelIgnoresLateRedirect()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    const QUrl url = h.beginSignIn(*auth);
    auth->cancelSignIn();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::Cancelled);
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    const BrowserFlowResult result = h.browse(url);
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QTest::qWait(200);
    QCOMPARE(signedIn.count(), 0);
    QCOMPARE(h.requests(QStringLiteral("login:/oauth/token")), 0);
}

void TestProcoreAuth::outOfBandPastedCode()
{
    AuthHarness h;
    QVERIFY(h.start());
    ClientConfig client = h.client();
    client.redirectUri = ClientConfig::outOfBandRedirectUri();
    auto auth = h.makeAuth(client);
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    const BrowserFlowResult result =
        h.browse(h.beginSignIn(*auth, ProcoreAuth::SignInMode::OutOfBand));
    const QString code = BrowserFlow::oobCode(result.body);
    QVERIFY2(!code.isEmpty(), qPrintable(result.error + QString::fromUtf8(result.body.left(300))));
    QVERIFY(auth->redirectHandler()->handlePastedCode(QStringLiteral("  ") + code +
                                                      QStringLiteral("\n")));
    QVERIFY(signedIn.wait(10000));
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
}

void TestProcoreAuth::loopbackListener()
{
    const quint16 port = freePort();
    const QString redirect = QStringLiteral("http://127.0.0.1:%1/callback").arg(port);
    AuthHarness h;
    QVERIFY(h.start({QStringLiteral("--redirect-uri"), redirect}));
    ClientConfig client = h.client();
    client.redirectUri = redirect;
    auto auth = h.makeAuth(client);
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    const QUrl url = h.beginSignIn(*auth, ProcoreAuth::SignInMode::SystemBrowser);
    QVERIFY(!url.isEmpty());
    QCOMPARE(auth->loopbackPort(), port);

    TestHttp http(5000);
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
    // What a browser asks for besides the redirect is not the answer.
    QCOMPARE(http.get(base.resolved(QUrl(QStringLiteral("/favicon.ico")))).status, 404);
    QCOMPARE(http.post(base.resolved(QUrl(QStringLiteral("/callback"))), "x", "text/plain").status,
             405);
    QCOMPARE(signedIn.count(), 0);
    // An oversized request is cut off.
    const TestHttpReply huge =
        http.get(base.resolved(QUrl(QStringLiteral("/callback"))),
                 {{"X-Padding", QByteArray(LoopbackListener::kMaxRequestBytes + 100, 'x')}});
    QVERIFY2(huge.status == 431 || huge.status == 0, qPrintable(QString::number(huge.status)));

    const BrowserFlowResult result = h.browse(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.redirect.port(), int(port));
    // The browser follows the redirect to the listener.
    const TestHttpReply page = http.get(result.redirect);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("close this tab"));
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    QVERIFY(signedIn.wait(10000));
    // One callback only: the listener is gone.
    QCOMPARE(auth->loopbackPort(), quint16(0));
    QCOMPARE(http.get(result.redirect).status, 0);
}

void TestProcoreAuth::loopbackPortBusy()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    AuthHarness h;
    QVERIFY(h.start());
    ClientConfig client = h.client();
    client.redirectUri = QStringLiteral("http://127.0.0.1:%1/callback").arg(squatter.serverPort());
    auto auth = h.makeAuth(client);
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    QSignalSpy urls(auth.get(), &ProcoreAuth::authorizationUrlReady);
    auth->signIn(ProcoreAuth::SignInMode::SystemBrowser);
    QVERIFY(failed.wait(2000));
    QCOMPARE(firstError(failed).kind, Kind::Config);
    QVERIFY(firstError(failed).message.contains(QString::number(squatter.serverPort())));
    QCOMPARE(urls.count(), 0);
    // Embedded mode does not need the port.
    QVERIFY(!h.beginSignIn(*auth).isEmpty());
    QCOMPARE(auth->state(), ProcoreAuth::State::AwaitingAuthorization);
}

QTEST_GUILESS_MAIN(TestProcoreAuth)
#include "tst_procoreauth.moc"
