#include "signincontroller.h"

#include "auth/redirectreplyhandler.h"
#include "common/logging.h"
#include "login/loginlauncher.h"
#include "login/loginprofile.h"
#include "session/session.h"

#include <QDesktopServices>

SignInController::SignInController(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_launcher(new LoginLauncher(this))
    , m_profileDir(LoginProfile::defaultDir())
{
    connect(session, &Session::authorizationUrlReady, this, &SignInController::onAuthorizationUrl);
    connect(session, &Session::stateChanged, this, &SignInController::onSessionStateChanged);
    connect(session, &Session::signedOut, this, [this] {
        // The Procore web session must go with the tokens, or the next sign-in would skip
        // the password.
        if (m_launcher->isRunning())
            m_launcher->cancel();
        QString error;
        if (!LoginProfile::clear(m_profileDir, &error))
            qCWarning(lcUi) << "could not clear the login window's profile:" << error;
    });
    connect(m_launcher, &LoginLauncher::redirectReceived, this,
            [this](const QUrl &url) { m_session->auth()->redirectHandler()->handleRedirect(url); });
    connect(m_launcher, &LoginLauncher::cancelled, m_session, &Session::cancelSignIn);
    connect(m_launcher, &LoginLauncher::systemBrowserRequested, this, [this] {
        m_session->cancelSignIn();
        m_session->signIn(ProcoreAuth::SignInMode::SystemBrowser);
    });
    connect(m_launcher, &LoginLauncher::failed, this, [this](const ProcoreError &error) {
        m_session->cancelSignIn();
        emit failed(error);
    });
}

SignInController::~SignInController() = default;

void SignInController::onAuthorizationUrl(const QUrl &url, ProcoreAuth::SignInMode mode)
{
    if (mode == ProcoreAuth::SignInMode::SystemBrowser) {
        if (!QDesktopServices::openUrl(url)) {
            m_session->cancelSignIn();
            emit failed(ProcoreError(ProcoreError::Kind::Config,
                                     tr("Could not open your web browser. Try signing in "
                                        "inside the app instead.")));
            return;
        }
        emit statusChanged(tr("Finish signing in to Procore in your browser, then come back "
                              "here."));
        return;
    }
    QString error;
    if (!LoginProfile::prepare(m_profileDir, &error))
        qCWarning(lcUi) << "login profile unavailable, signing in without one:" << error;
    LoginRequest request;
    request.authorizeUrl = url;
    request.redirectUri = QUrl(m_session->auth()->client().redirectUri);
    request.profileDir = error.isEmpty() ? m_profileDir : QString();
    const Environment environment = m_session->environment();
    request.environmentLabel = environment.isProduction() ? QString() : environment.displayName();
    if (!m_launcher->start(request)) {
        m_session->cancelSignIn();
        emit failed(m_launcher->lastError());
        return;
    }
    emit statusChanged(tr("Sign in and press Allow in the Procore window."));
}

void SignInController::onSessionStateChanged()
{
    // Signed in, or the attempt ended some other way: no login window may linger.
    if (m_session->state() != Session::State::SigningIn && m_launcher->isRunning())
        m_launcher->cancel();
}
