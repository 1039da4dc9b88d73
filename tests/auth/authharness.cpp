#include "authharness.h"

#include "support/testhttp.h"

#include <QJsonObject>
#include <QTest>

AuthHarness::AuthHarness() = default;
AuthHarness::~AuthHarness() = default;

bool AuthHarness::start(const QStringList &emulatorArgs)
{
    if (!emulator.start(emulatorArgs)) {
        qWarning().noquote() << "emulator:" << emulator.errorString();
        return false;
    }
    return true;
}

Environment AuthHarness::environment() const
{
    return Environment::custom(emulator.loginUrl().toString(), emulator.apiUrl().toString());
}

ClientConfig AuthHarness::client() const
{
    ClientConfig config;
    config.clientId = EmulatorProcess::clientId();
    config.clientSecret = EmulatorProcess::clientSecret();
    config.redirectUri = EmulatorProcess::redirectUri();
    return config;
}

std::unique_ptr<ProcoreAuth> AuthHarness::makeAuth(const ClientConfig &client)
{
    auto auth = std::make_unique<ProcoreAuth>(environment(), client, &store, &network);
    auth->setRequestTimeout(5000);
    auth->setRevokeTimeout(2000);
    return auth;
}

QUrl AuthHarness::beginSignIn(ProcoreAuth &auth, ProcoreAuth::SignInMode mode)
{
    QSignalSpy urls(&auth, &ProcoreAuth::authorizationUrlReady);
    auth.signIn(mode);
    if (urls.isEmpty())
        return {};
    return urls.first().first().toUrl();
}

BrowserFlowResult AuthHarness::browse(const QUrl &authorizeUrl, BrowserFlow::Decision decision)
{
    return BrowserFlow::run(authorizeUrl, EmulatorProcess::demoEmail(),
                            EmulatorProcess::demoPassword(), decision);
}

bool AuthHarness::signIn(ProcoreAuth &auth, QString *why)
{
    QSignalSpy signedIn(&auth, &ProcoreAuth::signedIn);
    QSignalSpy failed(&auth, &ProcoreAuth::signInFailed);
    const QUrl url = beginSignIn(auth);
    if (url.isEmpty()) {
        *why = QStringLiteral("no authorize URL");
        return false;
    }
    const BrowserFlowResult result = browse(url);
    if (result.redirect.isEmpty()) {
        *why = QStringLiteral("browser flow failed: %1").arg(result.error);
        return false;
    }
    if (!auth.redirectHandler()->handleRedirect(result.redirect)) {
        *why = QStringLiteral("handler refused the redirect");
        return false;
    }
    if (!signedIn.count() && !signedIn.wait(10000)) {
        *why = failed.isEmpty() ? QStringLiteral("no signedIn() within 10 s")
                                : failed.first().first().value<ProcoreError>().detail;
        return false;
    }
    return true;
}

int AuthHarness::counter(const char *name)
{
    return emulator.counters().value(QLatin1String(name)).toInt();
}

int AuthHarness::requests(const QString &serverAndPath)
{
    return emulator.counters()
        .value(QStringLiteral("requests"))
        .toObject()
        .value(serverAndPath)
        .toInt();
}

int AuthHarness::tokenInfoStatus(const QString &accessToken)
{
    TestHttp http;
    return http
        .get(emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token/info"))),
             {{"Authorization", "Bearer " + accessToken.toUtf8()}})
        .status;
}

int AuthHarness::meStatus(const QString &accessToken)
{
    TestHttp http;
    return http
        .get(emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me"))),
             {{"Authorization", "Bearer " + accessToken.toUtf8()}})
        .status;
}
