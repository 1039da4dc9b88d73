#include "procoreauth.h"

#include "common/logging.h"
#include "oauthrequest.h"
#include "redirectreplyhandler.h"
#include "refreshjob.h"
#include "restorejob.h"
#include "signinattempt.h"
#include "signoutjob.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <limits>
#include <utility>

ProcoreAuth::ProcoreAuth(const Environment &environment, const ClientConfig &client,
                         TokenStore *store, QNetworkAccessManager *network, QObject *parent)
    : TokenSource(parent)
    , m_environment(environment)
    , m_client(client)
    , m_account(environment.key())
    , m_store(store)
    , m_network(network)
{
    qRegisterMetaType<ProcoreError>();
    qRegisterMetaType<TokenSet>();
    qRegisterMetaType<ProcoreAuth::State>();

    m_handler = new RedirectReplyHandler(client.redirectUri, this);

    m_proactiveTimer.setSingleShot(true);
    connect(&m_proactiveTimer, &QTimer::timeout, this, [this] {
        if (isSignedIn() && !m_refreshing && !m_signOut) {
            qCInfo(lcAuth) << "access token expires soon; refreshing ahead of time";
            refresh();
        }
    });
}

ProcoreAuth::~ProcoreAuth()
{
    if (m_refresh)
        m_refresh->abandon();
}

quint16 ProcoreAuth::loopbackPort() const
{
    return m_signIn ? m_signIn->loopbackPort() : 0;
}

void ProcoreAuth::setProactiveRefresh(bool enabled)
{
    m_proactive = enabled;
    scheduleProactiveRefresh();
}

void ProcoreAuth::updateState()
{
    State state = State::SignedOut;
    if (m_signOut)
        state = State::SigningOut;
    else if (m_phase == Phase::AwaitingAuthorization)
        state = State::AwaitingAuthorization;
    else if (m_phase == Phase::ExchangingCode)
        state = State::ExchangingCode;
    else if (m_restore)
        state = State::Restoring;
    else if (m_refreshing)
        state = State::Refreshing;
    else if (isSignedIn())
        state = State::SignedIn;
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcAuth) << "state:" << state;
    emit stateChanged(state);
}

void ProcoreAuth::emitLater(std::function<void()> emitter)
{
    QTimer::singleShot(0, this, std::move(emitter));
}

void ProcoreAuth::restore()
{
    if (m_restore)
        return;
    if (isSignedIn())
        return emitLater([this] { emit signedIn(); });
    const QString user = m_account.lastUser();
    if (user.isEmpty()) {
        qCInfo(lcAuth) << "no saved sign-in for" << m_environment.key();
        return emitLater([this] { emit signInNeeded({}); });
    }
    m_restore = new RestoreJob(
        m_environment, m_store, user, 2 * m_requestTimeoutMs + 5000, [this] { return overtaken(); },
        this);
    connect(m_restore, &RestoreJob::finished, this, &ProcoreAuth::onRestoreFinished);
    updateState();
    m_restore->start();
}

void ProcoreAuth::onRestoreFinished(RestoreJob *job)
{
    job->deleteLater();
    m_restore = nullptr;
    if (overtaken())
        return updateState();
    if (!job->tokens().isEmpty()) {
        adoptTokens(job->tokens());
        updateState();
        return emit signedIn();
    }
    if (job->error().kind == ProcoreError::Kind::Keychain)
        keychainTrouble(job->error());
    updateState();
    emit signInNeeded(job->error());
}

void ProcoreAuth::signIn(SignInMode mode)
{
    if (m_signOut) {
        const ProcoreError busy(ProcoreError::Kind::Cancelled,
                                tr("Signing out is still in progress. Try again in a moment."),
                                QStringLiteral("sign-in during sign-out"));
        return emitLater([this, busy] { emit signInFailed(busy); });
    }
    abortSignIn();

    ProcoreError problem = m_client.validate();
    const QUrl loopback = mode == SignInMode::SystemBrowser ? m_client.loopbackRedirect() : QUrl();
    if (!problem && mode == SignInMode::SystemBrowser && !loopback.isValid())
        problem = ProcoreError(ProcoreError::Kind::Config,
                               tr("Signing in with the system browser needs a redirect URI on "
                                  "this computer, such as http://127.0.0.1:8765/callback. Sign "
                                  "in inside the app instead, or change the redirect URI."),
                               QStringLiteral("system browser without loopback redirect"));
    if (!problem && mode == SignInMode::OutOfBand && !m_client.isOutOfBand())
        problem = ProcoreError(ProcoreError::Kind::Config,
                               tr("Pasting a code needs the redirect URI %1.")
                                   .arg(ClientConfig::outOfBandRedirectUri()),
                               QStringLiteral("out-of-band mode without the oob redirect"));
    auto *attempt =
        new SignInAttempt(m_environment, m_client, m_network, m_handler, m_requestTimeoutMs, this);
    connect(attempt, &SignInAttempt::authorizationUrlReady, this,
            &ProcoreAuth::authorizationUrlReady);
    connect(attempt, &SignInAttempt::exchangeStarted, this, [this] {
        m_phase = Phase::ExchangingCode;
        updateState();
    });
    connect(attempt, &SignInAttempt::finished, this, &ProcoreAuth::onAttemptFinished);
    m_signIn = attempt;
    m_phase = Phase::AwaitingAuthorization;
    updateState();
    qCInfo(lcAuth) << "sign-in started:" << mode;
    if (!problem)
        problem = attempt->start(loopback);
    if (problem) {
        qCWarning(lcAuth).noquote() << "sign-in cannot start:" << problem.detail;
        abortSignIn();
        return emitLater([this, problem] { emit signInFailed(problem); });
    }
}

void ProcoreAuth::cancelSignIn()
{
    if (m_phase == Phase::None)
        return;
    failSignIn(ProcoreError(ProcoreError::Kind::Cancelled, tr("Sign-in cancelled."),
                            QStringLiteral("cancelled by the caller")));
}

ProcoreError ProcoreAuth::completeSignIn(const QUrl &redirect)
{
    if (m_handler->handleRedirect(redirect))
        return {};
    return AuthorizationResponse::notRedirectError();
}

void ProcoreAuth::abortSignIn()
{
    ++m_attempt;
    if (m_signIn)
        m_signIn->cancel(); // a late code exchange answer is revoked, never taken
    m_signIn = nullptr;
    m_phase = Phase::None;
    updateState();
}

void ProcoreAuth::failSignIn(const ProcoreError &error)
{
    qCWarning(lcAuth).noquote() << "sign-in failed:" << ProcoreError::kindName(error.kind)
                                << error.detail;
    if (m_signIn)
        m_signIn->complete(false, error.message);
    abortSignIn();
    emit signInFailed(error);
}

void ProcoreAuth::onAttemptFinished(SignInAttempt *attempt)
{
    if (attempt != m_signIn)
        return;
    if (attempt->error())
        return failSignIn(attempt->error());
    const TokenSet tokens = attempt->tokens();
    const quint64 serial = m_attempt;
    storeSave(tokens, [this, tokens, serial](const ProcoreError &error) {
        if (serial != m_attempt) {
            // Cancelled or signed out while saving: leave nothing behind.
            storeRemove(tokens.userId, [](const ProcoreError &) {});
            return revokeQuietly(tokens.accessToken);
        }
        if (error)
            keychainTrouble(error);
        else
            m_account.clearRefreshSent(); // whatever the keychain held before is replaced
        m_signIn->complete(true);         // only now may the browser tab say so
        m_signIn->deleteLater();
        m_signIn = nullptr;
        ++m_attempt;
        m_phase = Phase::None;
        m_account.setLastUser(tokens.userId);
        adoptTokens(tokens);
        updateState();
        qCInfo(lcAuth) << "signed in as user" << tokens.userId;
        emit signedIn();
    });
}

void ProcoreAuth::refresh()
{
    if (m_refreshing)
        return; // joins the refresh in flight
    if (m_signOut || m_tokens.refreshToken.isEmpty()) {
        const ProcoreError notSignedIn(ProcoreError::Kind::SignInNeeded,
                                       tr("You are not signed in to Procore. Please sign in."),
                                       QStringLiteral("refresh without a refresh token"));
        return emitLater([this, notSignedIn] { emit refreshFailed(notSignedIn); });
    }
    m_refreshing = true;
    m_proactiveTimer.stop();
    updateState();
    m_refresh = new RefreshJob(m_environment, m_client, m_store, m_network, m_tokens,
                               &m_spentRefreshTokens, m_requestTimeoutMs, this);
    connect(m_refresh, &RefreshJob::finished, this, &ProcoreAuth::onRefreshFinished);
    m_refresh->start();
}

void ProcoreAuth::onRefreshFinished(RefreshJob *job)
{
    job->deleteLater();
    m_refresh = nullptr;
    switch (job->result()) {
    case RefreshJob::Result::Offline:
        endRefresh();
        emit refreshFailed(job->error());
        if (m_proactive && isSignedIn())
            m_proactiveTimer.start(30000);
        return;
    case RefreshJob::Result::Lost:
        if (job->storeError())
            keychainTrouble(job->storeError());
        return loseTokens(job->error());
    case RefreshJob::Result::Refreshed:
    case RefreshJob::Result::Adopted:
        if (job->storeError())
            keychainTrouble(job->storeError()); // still use the new pair, in memory only
        adoptTokens(job->tokens());
        endRefresh();
        qCInfo(lcAuth) << "access token refreshed";
        emit tokensRefreshed();
        return;
    }
}

void ProcoreAuth::endRefresh()
{
    m_refreshing = false;
    updateState();
}

void ProcoreAuth::loseTokens(const ProcoreError &reason)
{
    qCWarning(lcAuth).noquote() << "sign-in lost:" << ProcoreError::kindName(reason.kind)
                                << reason.detail;
    clearTokens();
    m_refreshing = false;
    updateState();
    ProcoreError failure = reason;
    failure.kind = ProcoreError::Kind::SignInNeeded;
    emit refreshFailed(failure);
    emit signInNeeded(reason);
}

void ProcoreAuth::adoptTokens(const TokenSet &tokens)
{
    m_tokens = tokens;
    scheduleProactiveRefresh();
}

void ProcoreAuth::clearTokens()
{
    m_tokens = {};
    m_proactiveTimer.stop();
}

void ProcoreAuth::scheduleProactiveRefresh()
{
    m_proactiveTimer.stop();
    if (!m_proactive || m_tokens.refreshToken.isEmpty() || !m_tokens.expiresAt.isValid())
        return;
    const qint64 due = QDateTime::currentDateTimeUtc().msecsTo(m_tokens.expiresAt) -
                       qint64(RefreshMarginSeconds) * 1000;
    m_proactiveTimer.start(
        int(qBound(qint64(0), due, qint64(std::numeric_limits<int>::max() / 2))));
}

void ProcoreAuth::signOut()
{
    if (m_signOut)
        return;
    if (m_phase != Phase::None)
        failSignIn(ProcoreError(ProcoreError::Kind::Cancelled, tr("Sign-in cancelled."),
                                QStringLiteral("signed out during sign-in")));
    const bool wasRefreshing = m_refreshing;
    if (m_refresh) {
        m_refresh->abandon();
        m_refresh->deleteLater();
        m_refresh = nullptr;
    }
    m_refreshing = false;

    const TokenSet old = m_tokens;
    clearTokens();
    m_signOut =
        new SignOutJob(m_environment, m_client, m_store, m_network, old, m_revokeTimeoutMs, this);
    updateState();
    if (wasRefreshing)
        emit refreshFailed(ProcoreError(ProcoreError::Kind::SignInNeeded, tr("You signed out."),
                                        QStringLiteral("signed out during refresh")));
    connect(m_signOut, &SignOutJob::finished, this, [this](SignOutJob *job) {
        job->deleteLater();
        m_signOut = nullptr;
        updateState();
        if (job->error())
            emit errorOccurred(job->error());
        emit signedOut(job->leftovers());
    });
    m_signOut->start();
}

void ProcoreAuth::revokeQuietly(const QString &accessToken)
{
    if (accessToken.isEmpty())
        return;
    auto *revoke = OAuthRequest::revoke(m_network, m_environment.revokeUrl(), m_client, accessToken,
                                        m_revokeTimeoutMs, this);
    connect(revoke, &OAuthRequest::finished, revoke, &QObject::deleteLater);
}

void ProcoreAuth::keychainTrouble(const ProcoreError &error)
{
    qCWarning(lcAuth).noquote() << "keychain trouble:" << error.detail;
    if (m_keychainWarned)
        return;
    m_keychainWarned = true;
    ProcoreError told = error;
    told.message += QLatin1Char(' ') + tr("Until this is fixed, you stay signed in only while "
                                          "the app is running.");
    emit errorOccurred(told);
}

void ProcoreAuth::storeSave(const TokenSet &tokens, StoreDone done)
{
    if (!m_store)
        return emitLater([done] { done({}); });
    m_account.addEntry(tokens.userId);
    connect(m_store->saveJob(m_account.entryKey(tokens.userId), tokens, this),
            &TokenStoreJob::finished, this, [done](TokenStoreJob *job) { done(job->error()); });
}

void ProcoreAuth::storeRemove(const QString &userId, StoreDone done)
{
    if (!m_store)
        return emitLater([done] { done({}); });
    connect(m_store->removeJob(m_account.entryKey(userId), this), &TokenStoreJob::finished, this,
            [this, userId, done](TokenStoreJob *job) {
                if (!job->error())
                    m_account.removeEntry(userId);
                done(job->error());
            });
}
