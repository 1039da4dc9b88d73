// The emulator's login server over real HTTP: authorize, login form, consent, token, refresh,
// revoke and token info, with the strictness Procore has.
#include "browserflow.h"
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "htmlform.h"
#include "testhttp.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QTest>
#include <QUrlQuery>

using Query = QList<QPair<QString, QString>>;

static QString queryItem(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

static QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

class TestEmulatorOAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullCycle();
    void stateEchoedExactly_data();
    void stateEchoedExactly();
    void wrongPasswordShowsFormAgain();
    void sessionCookieIsHttpOnly();
    void denyRedirectsWithAccessDenied();
    void badClientOrRedirectNeverRedirects_data();
    void badClientOrRedirectNeverRedirects();
    void unsupportedResponseTypeIsRedirected();
    void forgedConsentPostFails();
    void wrongClientCredentials_data();
    void wrongClientCredentials();
    void basicAuthIsAccepted();
    void malformedTokenRequests_data();
    void malformedTokenRequests();
    void codeIsSingleUse();
    void codeIsBoundToRedirectUriAndClient();
    void codeExpires();
    void refreshTokenReuseRevokesGrant();
    void revokeKillsTheGrant();
    void revokeChecksClient();
    void tokenInfo();
    void outOfBandShowsCode();
    void accessTokenExpiresAfterExpiresIn();
    void pkceRequired_data();
    void pkceRequired();
    void pkceCheckedWithoutFlagWhenSent();
    void authorizeCountsS256Challenges_data();
    void authorizeCountsS256Challenges();

private:
    TestHttpReply token(const TestHttp::Form &form);
    TestHttpReply me(const QString &accessToken);
    QUrl login(const QString &path) const { return m_emulator.loginUrl().resolved(QUrl(path)); }

    EmulatorProcess m_emulator;
    EmulatorProcess m_pkceEmulator; // started by the first pkceRequired row
    TestHttp m_http;
};

void TestEmulatorOAuth::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
}

TestHttpReply TestEmulatorOAuth::token(const TestHttp::Form &form)
{
    return m_http.postForm(login(QStringLiteral("/oauth/token")), form);
}

TestHttpReply TestEmulatorOAuth::me(const QString &accessToken)
{
    return m_http.get(m_emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me"))),
                      {{"Authorization", "Bearer " + accessToken.toLatin1()}});
}

void TestEmulatorOAuth::fullCycle()
{
    QVERIFY(m_emulator.resetCounters());
    const BrowserFlowResult flow =
        BrowserFlow::run(m_emulator.authorizeUrl({{QStringLiteral("state"), QStringLiteral("s1")}}),
                         EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword());
    QVERIFY2(flow.error.isEmpty(), qPrintable(flow.error));
    QCOMPARE(flow.redirect.toString(QUrl::RemoveQuery), EmulatorProcess::redirectUri());
    QCOMPARE(queryItem(flow.redirect, QStringLiteral("state")), QStringLiteral("s1"));
    const QString code = queryItem(flow.redirect, QStringLiteral("code"));
    QVERIFY(code.size() >= 43);

    const TestHttpReply exchanged =
        EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri());
    QCOMPARE(exchanged.status, 200);
    QVERIFY(exchanged.header("Cache-Control").contains("no-store"));
    const QJsonObject answer = exchanged.json().object();
    QCOMPARE(answer.keys(),
             (QStringList{QStringLiteral("access_token"), QStringLiteral("created_at"),
                          QStringLiteral("expires_in"), QStringLiteral("refresh_token"),
                          QStringLiteral("token_type")}));
    QCOMPARE(answer.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(answer.value(QStringLiteral("expires_in")).toInt(), 5400);
    QVERIFY(qAbs(answer.value(QStringLiteral("created_at")).toInteger() -
                 QDateTime::currentSecsSinceEpoch()) < 5);
    const QString access = answer.value(QStringLiteral("access_token")).toString();
    const QString refresh = answer.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(access.size() >= 43 && refresh.size() >= 43 && access != refresh);

    const TestHttpReply profile = me(access);
    QCOMPARE(profile.status, 200);
    QCOMPARE(profile.json().object().value(QStringLiteral("login")).toString(),
             EmulatorProcess::demoEmail());

    const EmulatorTokens rotated =
        EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(m_emulator, refresh));
    QVERIFY2(rotated.ok(), qPrintable(rotated.error));
    QVERIFY(rotated.accessToken != access);
    QVERIFY(rotated.refreshToken != refresh);
    QCOMPARE(me(rotated.accessToken).status, 200);

    const TestHttpReply revoked =
        m_http.postForm(login(QStringLiteral("/oauth/revoke")),
                        {{QStringLiteral("token"), rotated.accessToken},
                         {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                         {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()}});
    QCOMPARE(revoked.status, 200);
    QCOMPARE(me(rotated.accessToken).status, 401);
    QCOMPARE(EmulatorSignIn::refresh(m_emulator, rotated.refreshToken).status, 400);

    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("codesIssued")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("tokensIssued")).toInt(), 2);
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 2);
    QCOMPARE(counters.value(QStringLiteral("refreshFailures")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("login:/oauth/token"))
                 .toInt(),
             3);
    QCOMPARE(counters.value(QStringLiteral("lastAuthorization"))
                 .toObject()
                 .value(QStringLiteral("api:/rest/v1.0/me"))
                 .toString(),
             QStringLiteral("Bearer ") + rotated.accessToken);
}

void TestEmulatorOAuth::stateEchoedExactly_data()
{
    QTest::addColumn<bool>("sendState");
    QTest::addColumn<QString>("state");
    QTest::newRow("plain") << true << QStringLiteral("abc123");
    QTest::newRow("reserved characters") << true << QStringLiteral("a+b c&d=e/f?g#h%20i");
    QTest::newRow("unicode") << true << QStringLiteral("Zürich – 東京");
    QTest::newRow("quotes and angle brackets") << true << QStringLiteral("\"'<x>'\"");
    QTest::newRow("empty") << true << QString();
    QTest::newRow("absent") << false << QString();
}

void TestEmulatorOAuth::stateEchoedExactly()
{
    QFETCH(bool, sendState);
    QFETCH(QString, state);
    Query extra;
    if (sendState)
        extra.append({QStringLiteral("state"), state});
    const BrowserFlowResult flow =
        BrowserFlow::run(m_emulator.authorizeUrl(extra), EmulatorProcess::demoEmail(),
                         EmulatorProcess::demoPassword());
    QVERIFY2(flow.error.isEmpty(), qPrintable(flow.error));
    QUrlQuery query(flow.redirect);
    QCOMPARE(query.hasQueryItem(QStringLiteral("state")), sendState);
    if (sendState)
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), state);
    // Strictly encoded: a '+' or space must never appear raw in the redirect.
    const QByteArray raw = flow.redirect.toEncoded();
    QVERIFY2(!raw.contains('+') && !raw.contains(' '), raw.constData());
}

void TestEmulatorOAuth::wrongPasswordShowsFormAgain()
{
    const BrowserFlowResult flow = BrowserFlow::run(
        m_emulator.authorizeUrl(), EmulatorProcess::demoEmail(), QStringLiteral("wrong-password"));
    QVERIFY(flow.redirect.isEmpty());
    QCOMPARE(flow.status, 401);
    QVERIFY(flow.error.contains(QStringLiteral("login rejected")));
    QVERIFY(flow.body.contains("Invalid email or password."));
    const QList<HtmlForm> forms = HtmlForm::parse(flow.body);
    QCOMPARE(forms.size(), 1);
    QVERIFY(forms.first().hasInputOfType(QStringLiteral("password")));
}

void TestEmulatorOAuth::sessionCookieIsHttpOnly()
{
    const TestHttpReply page = m_http.get(m_emulator.authorizeUrl());
    QCOMPARE(page.status, 200);
    const QList<QNetworkCookie> cookies = QNetworkCookie::parseCookies(page.header("Set-Cookie"));
    QCOMPARE(cookies.size(), 1);
    QVERIFY(cookies.first().isHttpOnly());
    QCOMPARE(cookies.first().sameSitePolicy(), QNetworkCookie::SameSite::Lax);
    QCOMPARE(cookies.first().path(), QStringLiteral("/"));
    // The login page is a real form a browser can submit.
    const QList<HtmlForm> forms = HtmlForm::parse(page.body);
    QCOMPARE(forms.size(), 1);
    QCOMPARE(forms.first().method, QStringLiteral("post"));
    QVERIFY(forms.first().hasInputOfType(QStringLiteral("email")));
}

void TestEmulatorOAuth::denyRedirectsWithAccessDenied()
{
    QVERIFY(m_emulator.resetCounters());
    const BrowserFlowResult flow = BrowserFlow::run(
        m_emulator.authorizeUrl({{QStringLiteral("state"), QStringLiteral("deny me")}}),
        EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword(), BrowserFlow::Decision::Deny);
    QVERIFY2(flow.error.isEmpty(), qPrintable(flow.error));
    QCOMPARE(flow.redirect.toString(QUrl::RemoveQuery), EmulatorProcess::redirectUri());
    QCOMPARE(queryItem(flow.redirect, QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(queryItem(flow.redirect, QStringLiteral("state")), QStringLiteral("deny me"));
    QVERIFY(!QUrlQuery(flow.redirect).hasQueryItem(QStringLiteral("code")));
    QCOMPARE(m_emulator.counters().value(QStringLiteral("codesIssued")).toInt(), 0);
}

void TestEmulatorOAuth::badClientOrRedirectNeverRedirects_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("redirectUri");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QString client = EmulatorProcess::clientId();
    QTest::newRow("unknown client") << QStringLiteral("nobody") << EmulatorProcess::redirectUri()
                                    << 401 << QStringLiteral("invalid_client");
    QTest::newRow("no client") << QString() << EmulatorProcess::redirectUri() << 401
                               << QStringLiteral("invalid_client");
    QTest::newRow("no redirect_uri")
        << client << QString() << 400 << QStringLiteral("invalid_request");
    QTest::newRow("trailing slash") << client << QStringLiteral("http://127.0.0.1:8765/callback/")
                                    << 400 << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("other port") << client << QStringLiteral("http://127.0.0.1:8766/callback") << 400
                                << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("localhost with path") << client << QStringLiteral("http://localhost/callback")
                                         << 400 << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("attacker") << client << QStringLiteral("https://evil.example/callback") << 400
                              << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("other app's uri")
        << client << QStringLiteral("https://other.example.com/callback") << 400
        << QStringLiteral("invalid_redirect_uri");
}

void TestEmulatorOAuth::badClientOrRedirectNeverRedirects()
{
    QFETCH(QString, clientId);
    QFETCH(QString, redirectUri);
    QFETCH(int, status);
    QFETCH(QString, error);
    QUrl url = login(QStringLiteral("/oauth/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    if (!clientId.isEmpty())
        query.addQueryItem(QStringLiteral("client_id"), clientId);
    if (!redirectUri.isEmpty())
        query.addQueryItem(QStringLiteral("redirect_uri"),
                           QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("x"));
    url.setQuery(query);
    const TestHttpReply reply = m_http.get(url);
    QCOMPARE(reply.status, status);
    QVERIFY(reply.header("Location").isEmpty());
    QVERIFY(reply.header("Content-Type").startsWith("text/html"));
    QVERIFY2(reply.body.contains(error.toUtf8()), reply.body.constData());

    // The same through a browser: it never leaves the login server.
    const BrowserFlowResult flow =
        BrowserFlow::run(url, EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword());
    QVERIFY(flow.redirect.isEmpty());
    QCOMPARE(flow.status, status);
}

void TestEmulatorOAuth::unsupportedResponseTypeIsRedirected()
{
    QUrl url = m_emulator.authorizeUrl({{QStringLiteral("state"), QStringLiteral("t")}});
    url.setQuery(
        url.query(QUrl::FullyEncoded)
            .replace(QStringLiteral("response_type=code"), QStringLiteral("response_type=token")),
        QUrl::StrictMode);
    const TestHttpReply reply = m_http.get(url);
    QCOMPARE(reply.status, 302);
    const QUrl location = QUrl::fromEncoded(reply.header("Location"));
    QCOMPARE(location.toString(QUrl::RemoveQuery), EmulatorProcess::redirectUri());
    QCOMPARE(queryItem(location, QStringLiteral("error")),
             QStringLiteral("unsupported_response_type"));
    QCOMPARE(queryItem(location, QStringLiteral("state")), QStringLiteral("t"));
}

void TestEmulatorOAuth::forgedConsentPostFails()
{
    // A logged-in browser session, but the Allow form is forged (no matching token).
    const TestHttpReply page = m_http.get(m_emulator.authorizeUrl());
    const QList<HtmlForm> forms = HtmlForm::parse(page.body);
    QCOMPARE(forms.size(), 1);
    const QByteArray cookie = page.header("Set-Cookie").split(';').first();
    QList<QPair<QString, QString>> loginFields = forms.first().submission(nullptr);
    for (auto &field : loginFields) {
        if (field.first == u"session[email]")
            field.second = EmulatorProcess::demoEmail();
        if (field.first == u"session[password]")
            field.second = EmulatorProcess::demoPassword();
    }
    const TestHttpReply loggedIn =
        m_http.postForm(login(QStringLiteral("/sessions")), loginFields, {{"Cookie", cookie}});
    QCOMPARE(loggedIn.status, 302);
    const QByteArray session = loggedIn.header("Set-Cookie").split(';').first();
    QVERIFY(!session.isEmpty() && session != cookie); // a new session ID after login

    // The consent page names the app and offers Allow and Deny as two real forms.
    const TestHttpReply consentPage = m_http.get(m_emulator.authorizeUrl(), {{"Cookie", session}});
    QCOMPARE(consentPage.status, 200);
    QVERIFY(consentPage.body.contains("Procore Desktop Demo"));
    const QList<HtmlForm> decisions = HtmlForm::parse(consentPage.body);
    QCOMPARE(decisions.size(), 2);
    QVERIFY(decisions.at(0).button(QStringLiteral("Allow")));
    QVERIFY(decisions.at(1).button(QStringLiteral("Deny")));
    for (const HtmlForm &form : decisions) {
        QCOMPARE(form.method, QStringLiteral("post"));
        QCOMPARE(form.action, QStringLiteral("/oauth/authorize"));
        bool hasToken = false;
        for (const HtmlForm::Input &input : form.inputs)
            hasToken |= input.name == u"authenticity_token" && input.type == u"hidden" &&
                        !input.value.isEmpty();
        QVERIFY(hasToken);
    }

    const TestHttp::Form consent{{QStringLiteral("authenticity_token"), QStringLiteral("forged")},
                                 {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                                 {QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri()},
                                 {QStringLiteral("response_type"), QStringLiteral("code")}};
    const TestHttpReply forged =
        m_http.postForm(login(QStringLiteral("/oauth/authorize")), consent, {{"Cookie", session}});
    QCOMPARE(forged.status, 422);
    QVERIFY(forged.header("Location").isEmpty());
    // Without any session the post is refused as well.
    const TestHttpReply anonymous =
        m_http.postForm(login(QStringLiteral("/oauth/authorize")), consent);
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.header("Location").isEmpty());
    // And a login post without the form's token is refused.
    const TestHttpReply noToken =
        m_http.postForm(login(QStringLiteral("/sessions")),
                        {{QStringLiteral("session[email]"), EmulatorProcess::demoEmail()},
                         {QStringLiteral("session[password]"), EmulatorProcess::demoPassword()}});
    QCOMPARE(noToken.status, 422);
}

void TestEmulatorOAuth::wrongClientCredentials_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::newRow("wrong secret") << EmulatorProcess::clientId()
                                  << QStringLiteral("not-the-secret");
    QTest::newRow("no secret") << EmulatorProcess::clientId() << QString();
    QTest::newRow("unknown client") << QStringLiteral("nobody") << EmulatorProcess::clientSecret();
    QTest::newRow("other app's secret")
        << EmulatorProcess::clientId() << QStringLiteral("other-secret");
}

void TestEmulatorOAuth::wrongClientCredentials()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QString error;
    const QString code = EmulatorSignIn::authorizationCode(m_emulator, {}, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    TestHttp::Form form{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                        {QStringLiteral("client_id"), clientId},
                        {QStringLiteral("code"), code},
                        {QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri()}};
    if (!secret.isEmpty())
        form.append({QStringLiteral("client_secret"), secret});
    const TestHttpReply reply = token(form);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_client"));
    QVERIFY(!reply.json().object().value(QStringLiteral("error_description")).toString().isEmpty());
    // The code was not used up by the failed attempt.
    QCOMPARE(EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri()).status,
             200);
}

void TestEmulatorOAuth::basicAuthIsAccepted()
{
    QString error;
    const QString code = EmulatorSignIn::authorizationCode(m_emulator, {}, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    const QByteArray basic = (EmulatorProcess::clientId() + u':' + EmulatorProcess::clientSecret())
                                 .toLatin1()
                                 .toBase64();
    const TestHttpReply reply =
        token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
               {QStringLiteral("code"), code},
               {QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri()}});
    QCOMPARE(reply.status, 401); // no credentials at all
    const TestHttpReply withBasic =
        m_http.postForm(login(QStringLiteral("/oauth/token")),
                        {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                         {QStringLiteral("code"), code},
                         {QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri()}},
                        {{"Authorization", "Basic " + basic}});
    QCOMPARE(withBasic.status, 200);
}

void TestEmulatorOAuth::malformedTokenRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray form = "application/x-www-form-urlencoded";
    const QByteArray creds = "&client_id=procore-desktop-demo&client_secret=demo-secret-not-secret";
    QTest::newRow("json body") << QByteArray("POST") << QByteArray("application/json")
                               << QByteArray(R"({"grant_type":"authorization_code","code":"x"})")
                               << 400 << QStringLiteral("invalid_request");
    QTest::newRow("no grant_type") << QByteArray("POST") << form << QByteArray("code=x" + creds)
                                   << 400 << QStringLiteral("invalid_request");
    QTest::newRow("password grant")
        << QByteArray("POST") << form
        << QByteArray("grant_type=password&username=a&password=b" + creds) << 400
        << QStringLiteral("unsupported_grant_type");
    QTest::newRow("client_credentials grant")
        << QByteArray("POST") << form << QByteArray("grant_type=client_credentials" + creds) << 400
        << QStringLiteral("unsupported_grant_type");
    QTest::newRow("no code") << QByteArray("POST") << form
                             << QByteArray("grant_type=authorization_code&redirect_uri=x" + creds)
                             << 400 << QStringLiteral("invalid_request");
    QTest::newRow("unknown code") << QByteArray("POST") << form
                                  << QByteArray(
                                         "grant_type=authorization_code&code=nope&redirect_uri=" +
                                         QUrl::toPercentEncoding(EmulatorProcess::redirectUri()) +
                                         creds)
                                  << 400 << QStringLiteral("invalid_grant");
    QTest::newRow("no refresh_token")
        << QByteArray("POST") << form << QByteArray("grant_type=refresh_token" + creds) << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("unknown refresh_token")
        << QByteArray("POST") << form
        << QByteArray("grant_type=refresh_token&refresh_token=zz" + creds) << 400
        << QStringLiteral("invalid_grant");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray() << QByteArray() << 405
                         << QStringLiteral("invalid_request");
}

void TestEmulatorOAuth::malformedTokenRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    TestHttp::Headers headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const TestHttpReply reply =
        m_http.send(method, login(QStringLiteral("/oauth/token")), body, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().object().value(QStringLiteral("error")).toString(), error);
}

void TestEmulatorOAuth::codeIsSingleUse()
{
    QString error;
    const QString code = EmulatorSignIn::authorizationCode(m_emulator, {}, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    QCOMPARE(EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri()).status,
             200);
    const TestHttpReply again =
        EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri());
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestEmulatorOAuth::codeIsBoundToRedirectUriAndClient()
{
    QString error;
    const QString code = EmulatorSignIn::authorizationCode(m_emulator, {}, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    const TestHttpReply otherUri =
        EmulatorSignIn::exchangeCode(m_emulator, code, QStringLiteral("http://localhost"));
    QCOMPARE(otherUri.status, 400);
    QCOMPARE(otherUri.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    const TestHttpReply noUri = EmulatorSignIn::exchangeCode(m_emulator, code, QString());
    QCOMPARE(noUri.status, 400);
    const TestHttpReply otherClient =
        token({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
               {QStringLiteral("client_id"), QStringLiteral("other-app-demo")},
               {QStringLiteral("client_secret"), QStringLiteral("other-secret")},
               {QStringLiteral("code"), code},
               {QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri()}});
    QCOMPARE(otherClient.status, 400);
    QCOMPARE(otherClient.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri()).status,
             200);
}

void TestEmulatorOAuth::codeExpires()
{
    EmulatorProcess shortCodes;
    QVERIFY2(shortCodes.start({QStringLiteral("--code-ttl"), QStringLiteral("1")}),
             qPrintable(shortCodes.errorString()));
    QString error;
    const QString fresh = EmulatorSignIn::authorizationCode(shortCodes, {}, &error);
    QVERIFY2(!fresh.isEmpty(), qPrintable(error));
    QCOMPARE(EmulatorSignIn::exchangeCode(shortCodes, fresh, EmulatorProcess::redirectUri()).status,
             200);
    const QString stale = EmulatorSignIn::authorizationCode(shortCodes, {}, &error);
    QVERIFY2(!stale.isEmpty(), qPrintable(error));
    QTest::qWait(1100);
    const TestHttpReply late =
        EmulatorSignIn::exchangeCode(shortCodes, stale, EmulatorProcess::redirectUri());
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestEmulatorOAuth::refreshTokenReuseRevokesGrant()
{
    QVERIFY(m_emulator.resetCounters());
    const EmulatorTokens first = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(first.ok(), qPrintable(first.error));
    const EmulatorTokens second =
        EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(m_emulator, first.refreshToken));
    QVERIFY2(second.ok(), qPrintable(second.error));
    QCOMPARE(me(second.accessToken).status, 200);

    // The first refresh token again: a stolen-token signal.
    const TestHttpReply reused = EmulatorSignIn::refresh(m_emulator, first.refreshToken);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    // The whole grant is gone: the rotated access and refresh tokens too.
    const TestHttpReply afterReuse = me(second.accessToken);
    QCOMPARE(afterReuse.status, 401);
    QVERIFY(afterReuse.json()
                .object()
                .value(QStringLiteral("errors"))
                .toString()
                .contains(QStringLiteral("expired")));
    QCOMPARE(me(first.accessToken).status, 401);
    QCOMPARE(EmulatorSignIn::refresh(m_emulator, second.refreshToken).status, 400);
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("refreshTokenReuse")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("refreshes")).toInt(), 3);
    QCOMPARE(counters.value(QStringLiteral("refreshFailures")).toInt(), 2);
}

void TestEmulatorOAuth::revokeKillsTheGrant()
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    // Revoking by refresh token also kills the access token.
    const TestHttpReply revoked =
        m_http.postForm(login(QStringLiteral("/oauth/revoke")),
                        {{QStringLiteral("token"), tokens.refreshToken},
                         {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                         {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()}});
    QCOMPARE(revoked.status, 200);
    QCOMPARE(me(tokens.accessToken).status, 401);
    // Unknown and already revoked tokens still answer 200.
    const TestHttpReply unknown =
        m_http.postForm(login(QStringLiteral("/oauth/revoke")),
                        {{QStringLiteral("token"), QStringLiteral("nonsense")},
                         {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                         {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()}});
    QCOMPARE(unknown.status, 200);
}

void TestEmulatorOAuth::revokeChecksClient()
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const TestHttpReply badSecret =
        m_http.postForm(login(QStringLiteral("/oauth/revoke")),
                        {{QStringLiteral("token"), tokens.accessToken},
                         {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                         {QStringLiteral("client_secret"), QStringLiteral("wrong")}});
    QCOMPARE(badSecret.status, 401);
    const TestHttpReply otherApp =
        m_http.postForm(login(QStringLiteral("/oauth/revoke")),
                        {{QStringLiteral("token"), tokens.accessToken},
                         {QStringLiteral("client_id"), QStringLiteral("other-app-demo")},
                         {QStringLiteral("client_secret"), QStringLiteral("other-secret")}});
    QCOMPARE(otherApp.status, 200);
    QCOMPARE(me(tokens.accessToken).status, 200); // another app cannot revoke our grant
}

void TestEmulatorOAuth::tokenInfo()
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const TestHttpReply info =
        m_http.get(login(QStringLiteral("/oauth/token/info")),
                   {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}});
    QCOMPARE(info.status, 200);
    const QJsonObject object = info.json().object();
    QCOMPARE(object.value(QStringLiteral("resource_owner_id")).toInteger(), Q_INT64_C(5368709123));
    QVERIFY(object.value(QStringLiteral("scopes")).isArray());
    const qint64 remaining = object.value(QStringLiteral("expires_in_seconds")).toInteger();
    QVERIFY2(remaining > 5390 && remaining <= 5400, qPrintable(QString::number(remaining)));
    QCOMPARE(object.value(QStringLiteral("application"))
                 .toObject()
                 .value(QStringLiteral("uid"))
                 .toString(),
             EmulatorProcess::clientId());
    QCOMPARE(object.value(QStringLiteral("created_at")).toInteger(),
             tokens.answer.value(QStringLiteral("created_at")).toInteger());
    const TestHttpReply bad =
        m_http.get(login(QStringLiteral("/oauth/token/info")), {{"Authorization", "Bearer nope"}});
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.json().object().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_token"));
}

void TestEmulatorOAuth::outOfBandShowsCode()
{
    QUrl url = login(QStringLiteral("/oauth/authorize"));
    url.setQuery(QStringLiteral("response_type=code&client_id=procore-desktop-demo&redirect_uri=") +
                     QString::fromLatin1(
                         QUrl::toPercentEncoding(QStringLiteral("urn:ietf:wg:oauth:2.0:oob"))),
                 QUrl::StrictMode);
    const BrowserFlowResult flow =
        BrowserFlow::run(url, EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword());
    QVERIFY2(flow.error.isEmpty(), qPrintable(flow.error));
    QVERIFY(flow.redirect.isEmpty());
    QCOMPARE(flow.status, 200);
    const QString code = BrowserFlow::oobCode(flow.body);
    QVERIFY(code.size() >= 43);
    QCOMPARE(
        EmulatorSignIn::exchangeCode(m_emulator, code, QStringLiteral("urn:ietf:wg:oauth:2.0:oob"))
            .status,
        200);
}

void TestEmulatorOAuth::accessTokenExpiresAfterExpiresIn()
{
    EmulatorProcess shortTokens;
    QVERIFY2(shortTokens.start({QStringLiteral("--expires-in"), QStringLiteral("2")}),
             qPrintable(shortTokens.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(shortTokens);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    QCOMPARE(tokens.expiresIn, 2);
    const QUrl meUrl = shortTokens.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    const TestHttp::Headers bearer{{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}};
    QCOMPARE(m_http.get(meUrl, bearer).status, 200);
    QTest::qWait(2100);
    const TestHttpReply expired = m_http.get(meUrl, bearer);
    QCOMPARE(expired.status, 401);
    QVERIFY(expired.header("WWW-Authenticate").contains("expired"));
    // The refresh token still works and brings a working access token.
    const EmulatorTokens refreshed =
        EmulatorSignIn::tokensFrom(EmulatorSignIn::refresh(shortTokens, tokens.refreshToken));
    QVERIFY2(refreshed.ok(), qPrintable(refreshed.error));
    QCOMPARE(
        m_http.get(meUrl, {{"Authorization", "Bearer " + refreshed.accessToken.toLatin1()}}).status,
        200);
}

void TestEmulatorOAuth::pkceRequired_data()
{
    QTest::addColumn<bool>("sendChallenge");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("verifierSent");
    QTest::addColumn<QString>("authorizeError"); // empty: a code is issued
    QTest::addColumn<int>("tokenStatus");
    QTest::addColumn<QString>("tokenError");
    const QString verifier = QStringLiteral("dBjftJeZ4CVP-mJ92K9mbNk3BKpQe1tC5Wx8OGtaJzoCqrW");
    QTest::newRow("right verifier")
        << true << QStringLiteral("S256") << verifier << QString() << 200 << QString();
    QTest::newRow("wrong verifier")
        << true << QStringLiteral("S256")
        << QStringLiteral("wrongwrongwrongwrongwrongwrongwrongwrongwrong") << QString() << 400
        << QStringLiteral("invalid_grant");
    QTest::newRow("verifier too short") << true << QStringLiteral("S256") << QStringLiteral("short")
                                        << QString() << 400 << QStringLiteral("invalid_grant");
    QTest::newRow("no verifier") << true << QStringLiteral("S256") << QString() << QString() << 400
                                 << QStringLiteral("invalid_request");
    QTest::newRow("no challenge") << false << QString() << verifier
                                  << QStringLiteral("invalid_request") << 0 << QString();
    QTest::newRow("plain method") << true << QStringLiteral("plain") << verifier
                                  << QStringLiteral("invalid_request") << 0 << QString();
}

void TestEmulatorOAuth::pkceRequired()
{
    QFETCH(bool, sendChallenge);
    QFETCH(QString, method);
    QFETCH(QString, verifierSent);
    QFETCH(QString, authorizeError);
    QFETCH(int, tokenStatus);
    QFETCH(QString, tokenError);
    EmulatorProcess &pkce = m_pkceEmulator;
    if (pkce.loginUrl().isEmpty())
        QVERIFY2(pkce.start({QStringLiteral("--require-pkce")}), qPrintable(pkce.errorString()));
    const QString verifier = QStringLiteral("dBjftJeZ4CVP-mJ92K9mbNk3BKpQe1tC5Wx8OGtaJzoCqrW");
    Query extra{{QStringLiteral("state"), QStringLiteral("p")}};
    if (sendChallenge) {
        extra.append({QStringLiteral("code_challenge"), s256(verifier)});
        extra.append({QStringLiteral("code_challenge_method"), method});
    }
    const BrowserFlowResult flow = BrowserFlow::run(
        pkce.authorizeUrl(extra), EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword());
    QVERIFY2(flow.error.isEmpty(), qPrintable(flow.error));
    if (!authorizeError.isEmpty()) {
        QCOMPARE(queryItem(flow.redirect, QStringLiteral("error")), authorizeError);
        QCOMPARE(queryItem(flow.redirect, QStringLiteral("state")), QStringLiteral("p"));
        QVERIFY(queryItem(flow.redirect, QStringLiteral("code")).isEmpty());
        return;
    }
    const QString code = queryItem(flow.redirect, QStringLiteral("code"));
    QVERIFY(!code.isEmpty());
    const TestHttpReply reply =
        EmulatorSignIn::exchangeCode(pkce, code, EmulatorProcess::redirectUri(), verifierSent);
    QCOMPARE(reply.status, tokenStatus);
    if (!tokenError.isEmpty())
        QCOMPARE(reply.json().object().value(QStringLiteral("error")).toString(), tokenError);
}

void TestEmulatorOAuth::pkceCheckedWithoutFlagWhenSent()
{
    const QString verifier =
        QStringLiteral("M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag");
    const Query extra{{QStringLiteral("code_challenge"), s256(verifier)},
                      {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    QString error;
    const QString code = EmulatorSignIn::authorizationCode(m_emulator, extra, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    QCOMPARE(EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri()).status,
             400);
    QCOMPARE(
        EmulatorSignIn::exchangeCode(m_emulator, code, EmulatorProcess::redirectUri(), verifier)
            .status,
        200);
    // Without a challenge the default emulator needs no verifier.
    const EmulatorTokens plain = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(plain.ok(), qPrintable(plain.error));
}

void TestEmulatorOAuth::authorizeCountsS256Challenges_data()
{
    QTest::addColumn<Query>("extra");
    QTest::addColumn<int>("s256");
    const QString challenge =
        s256(QStringLiteral("dBjftJeZ4CVP-mJ92K9mbNk3BKpQe1tC5Wx8OGtaJzoCqrW"));
    QCOMPARE(challenge.size(), 43);
    const QString method = QStringLiteral("code_challenge_method");
    const QString name = QStringLiteral("code_challenge");
    QTest::newRow("S256") << Query{{name, challenge}, {method, QStringLiteral("S256")}} << 1;
    QTest::newRow("no challenge") << Query{} << 0;
    QTest::newRow("plain method") << Query{{name, challenge}, {method, QStringLiteral("plain")}}
                                  << 0;
    QTest::newRow("no method") << Query{{name, challenge}} << 0;
    QTest::newRow("42 characters")
        << Query{{name, challenge.left(42)}, {method, QStringLiteral("S256")}} << 0;
    QTest::newRow("44 characters")
        << Query{{name, challenge + u'A'}, {method, QStringLiteral("S256")}} << 0;
    QTest::newRow("padded") << Query{{name, challenge.left(42) + u'='},
                                     {method, QStringLiteral("S256")}}
                            << 0;
}

void TestEmulatorOAuth::authorizeCountsS256Challenges()
{
    QFETCH(Query, extra);
    QFETCH(int, s256);
    QVERIFY(m_emulator.resetCounters());
    m_http.get(m_emulator.authorizeUrl(extra)); // login page or error redirect: both count
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("authorizeRequests")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("authorizeS256")).toInt(), s256);
    // The same request as the per-path counter sees it.
    QCOMPARE(counters.value(QStringLiteral("requests"))
                 .toObject()
                 .value(QStringLiteral("login:/oauth/authorize"))
                 .toInt(),
             1);
}

QTEST_GUILESS_MAIN(TestEmulatorOAuth)
#include "tst_emulatoroauth.moc"
