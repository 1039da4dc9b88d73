#include "signedinseed.h"

#include "auth/procoreauth.h"
#include "model/projectlistmodel.h"
#include "session/session.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace SignedInSeed {
namespace {
// The authorize URL `spy` caught, followed like a browser; the redirect, or empty with *why.
QUrl browse(QSignalSpy &urls, BrowserFlow::Decision decision, QString *why)
{
    if (!QTest::qWaitFor([&urls] { return !urls.isEmpty(); }, 10000)) {
        *why = QStringLiteral("no authorize URL was handed out");
        return {};
    }
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(urls.at(0).at(0).toUrl(), decision);
    if (result.redirect.isEmpty())
        *why = QStringLiteral("browser flow failed: %1 (HTTP %2)")
                   .arg(result.error)
                   .arg(result.status);
    return result.redirect;
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

bool signIn(ProcoreAuth &auth, QString *error)
{
    QSignalSpy signedIn(&auth, &ProcoreAuth::signedIn);
    QSignalSpy failed(&auth, &ProcoreAuth::signInFailed);
    QSignalSpy urls(&auth, &ProcoreAuth::authorizationUrlReady);
    auth.signIn(ProcoreAuth::SignInMode::Embedded);
    const QUrl redirect = browse(urls, BrowserFlow::Decision::Allow, error);
    if (redirect.isEmpty())
        return false;
    if (const ProcoreError refused = auth.completeSignIn(redirect)) {
        *error = QStringLiteral("the handler refused the redirect: ") + refused.detail;
        return false;
    }
    if (!signedIn.count() && !signedIn.wait(10000)) {
        *error = failed.isEmpty() ? QStringLiteral("no signedIn() within 10 s")
                                  : failed.first().first().value<ProcoreError>().detail;
        return false;
    }
    return true;
}

bool signIn(Session &session, QString *error, BrowserFlow::Decision decision)
{
    QString ignored;
    QSignalSpy urls(&session, &Session::authorizationUrlReady);
    session.signIn(ProcoreAuth::SignInMode::Embedded);
    const QUrl redirect = browse(urls, decision, error ? error : &ignored);
    if (redirect.isEmpty())
        return false;
    if (const ProcoreError refused = session.completeSignIn(redirect)) {
        if (error)
            *error = QStringLiteral("the session refused the redirect: ") + refused.detail;
        return false;
    }
    return true;
}

Result seed(const EmulatorProcess &emulator, TokenStore *store, int expectedProjects,
            const QString &cacheDirectory)
{
    Result result;
    QNetworkAccessManager network;
    Session session(environment(emulator), client(), store, &network, cacheDirectory);
    session.start();
    if (!QTest::qWaitFor([&] { return session.state() == Session::State::SignedOut; }, 10000)) {
        result.error = QStringLiteral("the session did not start signed out");
        return result;
    }
    if (!signIn(session, &result.error))
        return result;
    const bool loaded = QTest::qWaitFor(
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
