#include "authharness.h"

#include "support/testhttp.h"

#include <QSignalSpy>

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
