#include "signincontroller.h"

#include "common/translations.h"

#include "common/logging.h"
#include "session/session.h"
#include "signin/loginlauncher.h"
#include "storage/loginprofile.h"

#include <QDesktopServices>

SignInController::SignInController(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_launcher(new LoginLauncher(this))
{
    connect(session, &Session::authorizationUrlReady, this, &SignInController::onAuthorizationUrl);
    connect(session, &Session::stateChanged, this, &SignInController::onSessionStateChanged);
    // Sign-out wipes the window's profile (the Procore web session), but only once the window's
    // process has exited: a running Chromium would write its cookies back.
    session->setSignInWindowStopper([this](std::function<void()> stopped) {
        if (!m_launcher->isRunning())
            return stopped();
        m_whenStopped.append(std::move(stopped));
        m_launcher->cancel();
    });
    for (auto signal : {&LoginLauncher::cancelled, &LoginLauncher::systemBrowserRequested})
        connect(m_launcher, signal, this, &SignInController::releaseStopWaiters);
    connect(m_launcher, &LoginLauncher::redirectReceived, this,
            &SignInController::releaseStopWaiters);
    connect(m_launcher, &LoginLauncher::failed, this, &SignInController::releaseStopWaiters);
    connect(m_launcher, &LoginLauncher::redirectReceived, this, [this](const QUrl &url) {
        // The window is gone; a refused answer has ended the attempt, so say why.
        if (const ProcoreError refused = m_session->completeSignIn(url))
            emit failed(refused);
    });
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

SignInController::~SignInController()
{
    m_session->setSignInWindowStopper({});
}

QString SignInController::profileDir() const
{
    return m_session->loginProfileDir();
}

void SignInController::setProfileDir(const QString &dir)
{
    m_session->setLoginProfileDir(dir);
}

void SignInController::releaseStopWaiters()
{
    // LoginLauncher emits its last signal after the process has exited.
    const auto waiters = std::exchange(m_whenStopped, {});
    for (const auto &stopped : waiters)
        stopped();
}

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
    const QString profileDir = m_session->loginProfileDir();
    if (!LoginProfile::prepare(profileDir, &error))
        qCWarning(lcUi) << "login profile unavailable, signing in without one:" << error;
    LoginRequest request;
    request.authorizeUrl = url;
    request.redirectUri = m_session->redirectUri();
    request.profileDir = error.isEmpty() ? profileDir : QString();
    const Environment environment = m_session->environment();
    request.environmentLabel = environment.isProduction() ? QString() : environment.displayName();
    request.language = Translations::current();
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
