// ProcoreAuth sign-in against the emulator over real loopback HTTP.
#include "authharness.h"

#include "auth/loopbacklistener.h"
#include "auth/redirectreplyhandler.h"
#include "support/testhttp.h"
#include "support/testports.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
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

bool hasOneS256Challenge(const QUrlQuery &query)
{
    const QStringList challenges = query.allQueryItemValues(QStringLiteral("code_challenge"));
    const QStringList methods = query.allQueryItemValues(QStringLiteral("code_challenge_method"));
    return challenges.size() == 1 && challenges.front().size() == 43 &&
           !challenges.front().contains(QLatin1Char('=')) &&
           methods == QStringList{QStringLiteral("S256")};
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
    void codeExchangeFaults_data();
    void codeExchangeFaults();
    void lateCodeAnswerIsRevoked();
    void codeExchangeBodyEncoding();
    void cancelIgnoresLateRedirect();
    void outOfBandPastedCode();
    void loopbackListener();
    void loopbackPortBusy();
    void codeStaysWithItsEnvironment();
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
    QVERIFY(hasOneS256Challenge(query));

    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(url);
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
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 1);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token/info")), 1);
    // The emulator saw the challenge on every authorize request the browser made for the app.
    QVERIFY(h.emulator.counter("authorizeRequests") > 0);
    QCOMPARE(h.emulator.counter("authorizeS256"), h.emulator.counter("authorizeRequests"));
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
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(first);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    const QUrl tampered =
        withQueryItem(result.redirect, QStringLiteral("state"), QStringLiteral("attacker-state"));
    QVERIFY(auth->redirectHandler()->handleRedirect(tampered));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::StateMismatch);
    QVERIFY(!firstError(failed).message.isEmpty());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")),
             0); // the code was never sent
    // The genuine redirect of that attempt no longer counts either.
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QTest::qWait(200);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 0);

    // A new attempt gets a new state and works.
    QString why;
    QSignalSpy urls(auth.get(), &ProcoreAuth::authorizationUrlReady);
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
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
    const BrowserFlowResult result =
        BrowserFlow::runAsDemoUser(h.beginSignIn(*auth), BrowserFlow::Decision::Deny);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QCOMPARE(QUrlQuery(result.redirect).queryItemValue(QStringLiteral("error")),
             QStringLiteral("access_denied"));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::AccessDeclined);
    QVERIFY(firstError(failed).message.contains(QStringLiteral("declined")));
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QVERIFY(!auth->isSignedIn());
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 0);
}

// PKCE has no off switch: every authorize URL carries exactly one S256 challenge (Qt 6.8's own
// is turned off), and a server that insists on PKCE signs the user in.
void TestProcoreAuth::pkce_data()
{
    QTest::addColumn<bool>("requirePkce");
    QTest::newRow("server optional") << false;
    QTest::newRow("server requires") << true;
}

void TestProcoreAuth::pkce()
{
    QFETCH(bool, requirePkce);
    AuthHarness h;
    QVERIFY(h.start(requirePkce ? QStringList{QStringLiteral("--require-pkce")} : QStringList{}));
    auto auth = h.makeAuth();
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);

    const QUrl url = h.beginSignIn(*auth);
    QVERIFY2(hasOneS256Challenge(QUrlQuery(url)), qPrintable(url.query()));
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY2(signedIn.count() || signedIn.wait(10000), qPrintable(firstError(failed).detail));
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
    QVERIFY(h.emulator.counter("authorizeRequests") > 0);
    QCOMPARE(h.emulator.counter("authorizeS256"), h.emulator.counter("authorizeRequests"));
    // A second attempt gets a challenge of its own.
    auto next = h.makeAuth();
    const QUrlQuery again(h.beginSignIn(*next));
    QVERIFY(hasOneS256Challenge(again));
    QVERIFY(again.queryItemValue(QStringLiteral("code_challenge")) !=
            QUrlQuery(url).queryItemValue(QStringLiteral("code_challenge")));
}

void TestProcoreAuth::wrongSecret()
{
    AuthHarness h;
    QVERIFY(h.start());
    ClientConfig client = h.client();
    client.clientSecret = QStringLiteral("not-the-secret");
    auto auth = h.makeAuth(client);
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(h.beginSignIn(*auth));
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
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(h.beginSignIn(*auth));
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(failed.wait(5000));
    QCOMPARE(firstError(failed).kind, Kind::Timeout);
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    // Not stuck: the next attempt works.
    QVERIFY(h.emulator.clearFaults());
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
}

// The code exchange is the one hardened token request: a redirect from the token endpoint
// (which would replay code, secret and verifier to another host) and an answer too large to
// be a token answer are refused; the attempt ends with nothing kept, and the next one works.
void TestProcoreAuth::codeExchangeFaults_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<Kind>("outcome");
    QTest::newRow("307 elsewhere") << QStringLiteral("redirect") << 307 << Kind::SignInNeeded;
    QTest::newRow("308 elsewhere") << QStringLiteral("redirect") << 308 << Kind::SignInNeeded;
    QTest::newRow("302 elsewhere") << QStringLiteral("redirect") << 302 << Kind::SignInNeeded;
    QTest::newRow("huge answer") << QStringLiteral("huge") << 0 << Kind::BadData;
    QTest::newRow("stalled answer") << QStringLiteral("stall") << 0 << Kind::Timeout;
}

void TestProcoreAuth::codeExchangeFaults()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(Kind, outcome);
    QTcpServer elsewhere; // another host, as far as the app can tell
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost, 0));
    int stolen = 0;
    connect(&elsewhere, &QTcpServer::newConnection, this, [&] {
        ++stolen;
        delete elsewhere.nextPendingConnection();
    });
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    auth->setRequestTimeout(1000);
    QJsonObject fault{{QStringLiteral("kind"), kind},
                      {QStringLiteral("path"), QStringLiteral("/oauth/token")}};
    if (kind == QLatin1String("redirect")) {
        fault.insert(QStringLiteral("status"), status);
        fault.insert(QStringLiteral("location"),
                     QStringLiteral("http://127.0.0.1:%1/oauth/token").arg(elsewhere.serverPort()));
    }
    if (kind == QLatin1String("huge"))
        fault.insert(QStringLiteral("bytes"), 4 * 1024 * 1024);
    QVERIFY(h.emulator.setFault(fault));
    QSignalSpy failed(auth.get(), &ProcoreAuth::signInFailed);
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(h.beginSignIn(*auth));
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(failed.wait(10000));
    QCOMPARE(firstError(failed).kind, outcome);
    QVERIFY(!auth->isSignedIn());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QVERIFY(h.store.entries().isEmpty());
    QTest::qWait(100);
    QCOMPARE(stolen, 0);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 1);

    QVERIFY(h.emulator.clearFaults());
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
}

// A code exchange still on its way when its attempt is cancelled and a new one signs in: the
// late answer is not taken by the new attempt, and its tokens are revoked.
void TestProcoreAuth::lateCodeAnswerIsRevoked()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QVERIFY(
        h.emulator.setFault(QJsonObject{{QStringLiteral("kind"), QStringLiteral("latency")},
                                        {QStringLiteral("ms"), 1500},
                                        {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));
    const BrowserFlowResult first = BrowserFlow::runAsDemoUser(h.beginSignIn(*auth));
    QVERIFY2(!first.redirect.isEmpty(), qPrintable(first.error));
    QVERIFY(auth->redirectHandler()->handleRedirect(first.redirect));
    QCOMPARE(auth->state(), ProcoreAuth::State::ExchangingCode);
    QTRY_COMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 1);
    auth->cancelSignIn();

    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why)); // the latency fault was used up
    const QString mine = auth->accessToken();
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 2);
    // The first answer arrives (after 1.5 s) and is revoked, not adopted.
    QTRY_COMPARE_WITH_TIMEOUT(h.emulator.requests(QStringLiteral("login:/oauth/revoke")), 1, 10000);
    QCOMPARE(auth->accessToken(), mine);
    QCOMPARE(h.meStatus(mine), 200);
    QCOMPARE(h.store.entries().size(), 1);
    QCOMPARE(h.store.entries().cbegin().value().accessToken, mine);
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
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(url);
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QTest::qWait(200);
    QCOMPARE(signedIn.count(), 0);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 0);
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
        BrowserFlow::runAsDemoUser(h.beginSignIn(*auth, ProcoreAuth::SignInMode::OutOfBand));
    const QString code = BrowserFlow::oobCode(result.body);
    QVERIFY2(!code.isEmpty(), qPrintable(result.error + QString::fromUtf8(result.body.left(300))));
    QVERIFY(auth->redirectHandler()->handlePastedCode(QStringLiteral("  ") + code +
                                                      QStringLiteral("\n")));
    QVERIFY(signedIn.wait(10000));
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
}

void TestProcoreAuth::loopbackListener()
{
    const quint16 port = TestPorts::freePort();
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
    QCOMPARE(http.get(base.resolved(QUrl(QStringLiteral("/favicon.ico")))).status, 400);
    QCOMPARE(http.post(base.resolved(QUrl(QStringLiteral("/callback"))), "x", "text/plain").status,
             405);
    QCOMPARE(signedIn.count(), 0);
    // An oversized request is cut off.
    const TestHttpReply huge =
        http.get(base.resolved(QUrl(QStringLiteral("/callback"))),
                 {{"X-Padding", QByteArray(LoopbackListener::kMaxRequestBytes + 100, 'x')}});
    QVERIFY2(huge.status == 431 || huge.status == 0, qPrintable(QString::number(huge.status)));

    // Any local page can load the callback URL during a browser sign-in: without this
    // attempt's state it is refused, and the listener keeps waiting for the real redirect.
    const QUrl bogus(redirect + QStringLiteral("?code=planted&state=guessed"));
    QCOMPARE(http.get(bogus).status, 400);
    QCOMPARE(http.get(QUrl(redirect + QStringLiteral("?code=planted"))).status, 400);
    QCOMPARE(auth->loopbackPort(), port);
    QCOMPARE(auth->state(), ProcoreAuth::State::AwaitingAuthorization);

    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.redirect.port(), int(port));
    // The browser follows the redirect to the listener; the page comes once the code exchange
    // has succeeded, and says so.
    const TestHttpReply page = http.get(result.redirect);
    QCOMPARE(page.status, 200);
    QCOMPARE(signedIn.count(), 1);
    QVERIFY(page.body.contains("You are signed in"));
    QVERIFY(page.body.contains("close this tab"));
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")),
             1); // the planted code never went
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

// Two environments, each its own emulator: a redirect of one environment's sign-in handed to
// the other's never sends its code to the other's token URL; and an environment that shares a
// login host but not the API host finds none of the first one's tokens.
void TestProcoreAuth::codeStaysWithItsEnvironment()
{
    AuthHarness first;
    AuthHarness second;
    QVERIFY(first.start());
    QVERIFY(second.start());
    auto here = first.makeAuth();
    ProcoreAuth there(second.environment(), second.client(), &first.store, &first.network);
    QSignalSpy refused(&there, &ProcoreAuth::signInFailed);
    const QUrl url = first.beginSignIn(*here);
    QVERIFY(!second.beginSignIn(there).isEmpty());
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(url);
    QVERIFY2(!result.redirect.isEmpty(), qPrintable(result.error));

    QVERIFY(there.redirectHandler()->handleRedirect(result.redirect));
    QCOMPARE(refused.count(), 1);
    QCOMPARE(firstError(refused).kind, Kind::StateMismatch);
    QTest::qWait(200);
    QCOMPARE(second.emulator.requests(QStringLiteral("login:/oauth/token")), 0);

    QSignalSpy signedIn(here.get(), &ProcoreAuth::signedIn);
    QVERIFY(here->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(signedIn.wait(10000));
    QCOMPARE(first.emulator.requests(QStringLiteral("login:/oauth/token")), 1);

    // Same login host, the second emulator's API: another key, so nothing to restore.
    const Environment sharedLogin = Environment::custom(first.emulator.loginUrl().toString(),
                                                        second.emulator.apiUrl().toString());
    QVERIFY(sharedLogin.key() != first.environment().key());
    ProcoreAuth other(sharedLogin, first.client(), &first.store, &first.network);
    QSignalSpy needed(&other, &ProcoreAuth::signInNeeded);
    other.restore();
    QVERIFY(needed.wait(2000));
    QCOMPARE(firstError(needed).kind, Kind::None); // a first run there
    QVERIFY(!other.isSignedIn());
}

QTEST_GUILESS_MAIN(TestProcoreAuth)
#include "tst_procoreauth.moc"
