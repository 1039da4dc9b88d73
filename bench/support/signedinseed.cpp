#include "signedinseed.h"

#include "benchwait.h"

#include "auth/keychaintokenstore.h"
#include "browserflow.h"
#include "emulatorprocess.h"
#include "model/projectlistmodel.h"
#include "session/session.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

bool SignedInSeed::run(const EmulatorProcess &emulator, int expectedProjects, QString *error)
{
    KeychainTokenStore store;
    QNetworkAccessManager network;
    ClientConfig client;
    client.clientId = EmulatorProcess::clientId();
    client.clientSecret = EmulatorProcess::clientSecret();
    client.redirectUri = EmulatorProcess::redirectUri();
    Session session(
        Environment::custom(emulator.loginUrl().toString(), emulator.apiUrl().toString()), client,
        &store, &network);
    session.start();
    if (!waitUntil([&] { return session.state() == Session::State::SignedOut; }, 15000)) {
        *error = QStringLiteral("the session did not settle signed out");
        return false;
    }
    QSignalSpy urls(&session, &Session::authorizationUrlReady);
    session.signIn();
    if (!waitUntil([&] { return !urls.isEmpty(); }, 10000)) {
        *error = QStringLiteral("no authorization URL");
        return false;
    }
    const auto result = BrowserFlow::run(urls.at(0).at(0).toUrl(), EmulatorProcess::demoEmail(),
                                         EmulatorProcess::demoPassword());
    if (result.redirect.isEmpty()) {
        *error = QStringLiteral("browser flow: %1").arg(result.error);
        return false;
    }
    session.auth()->redirectHandler()->handleRedirect(result.redirect);
    if (!waitUntil(
            [&] {
                return session.state() == Session::State::SignedIn && !session.isLoading() &&
                       session.projects()->count() == expectedProjects;
            },
            30000)) {
        *error = QStringLiteral("signed-in session did not load %1 projects (has %2)")
                     .arg(expectedProjects)
                     .arg(session.projects()->count());
        return false;
    }
    // Let the keychain write and the offline copy settle before the session goes away.
    QTest::qWait(300);
    return true;
}
