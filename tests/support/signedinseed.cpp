#include "signedinseed.h"

#include "auth/redirectreplyhandler.h"
#include "browserflow.h"
#include "model/projectlistmodel.h"
#include "session/session.h"

#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace SignedInSeed {
namespace {
bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(10);
    }
    return true;
}
} // namespace

Environment environment(const EmulatorProcess &emulator)
{
    return Environment::custom(emulator.loginUrl().toString(), emulator.apiUrl().toString());
}

ClientConfig client(const QString &redirectUri)
{
    ClientConfig config;
    config.clientId = EmulatorProcess::clientId();
    config.clientSecret = EmulatorProcess::clientSecret();
    config.redirectUri = redirectUri;
    return config;
}

bool signIn(Session &session, QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    QSignalSpy urls(&session, &Session::authorizationUrlReady);
    session.signIn(ProcoreAuth::SignInMode::Embedded);
    if (!waitFor([&urls] { return !urls.isEmpty(); }, 5000)) {
        why = QStringLiteral("the session handed out no authorize URL");
        return false;
    }
    const auto result = BrowserFlow::run(urls.at(0).at(0).toUrl(), EmulatorProcess::demoEmail(),
                                         EmulatorProcess::demoPassword());
    if (result.redirect.isEmpty()) {
        why = QStringLiteral("browser flow failed: ") + result.error;
        return false;
    }
    session.auth()->redirectHandler()->handleRedirect(result.redirect);
    return true;
}

Result seed(const EmulatorProcess &emulator, TokenStore *store, int expectedProjects,
            const QString &cacheDirectory)
{
    Result result;
    QNetworkAccessManager network;
    Session session(environment(emulator), client(), store, &network, cacheDirectory);
    session.start();
    if (!waitFor([&] { return session.state() == Session::State::SignedOut; }, 10000)) {
        result.error = QStringLiteral("the session did not start signed out");
        return result;
    }
    if (!signIn(session, &result.error))
        return result;
    const bool loaded = waitFor(
        [&] {
            return session.state() == Session::State::SignedIn && !session.isLoading() &&
                   session.projects()->count() == expectedProjects;
        },
        30000);
    if (!loaded) {
        result.error = QStringLiteral("projects did not load (%1 of %2)")
                           .arg(session.projects()->count())
                           .arg(expectedProjects);
        return result;
    }
    result.companyId = session.currentCompanyId();
    for (const Project &project : session.projects()->projects())
        result.projectIds << project.id;
    return result;
}

} // namespace SignedInSeed
