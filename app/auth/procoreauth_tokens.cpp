// ProcoreAuth, second half: what happens to tokens once they exist — refresh, sign-out and the
// keychain. Split from procoreauth.cpp only to keep each file short.
#include "common/logging.h"
#include "oauthrequest.h"
#include "procoreauth.h"
#include "refreshjob.h"
#include "signoutjob.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <QCryptographicHash>
#include <QOAuth2AuthorizationCodeFlow>

#include <limits>

// ---- refresh -------------------------------------------------------------------------------

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
    m_flow->setToken({});
    m_flow->setRefreshToken({});
}

void ProcoreAuth::scheduleProactiveRefresh()
{
    m_proactiveTimer.stop();
    if (!m_proactive || m_tokens.refreshToken.isEmpty() || !m_tokens.expiresAt.isValid())
        return;
    const qint64 due = QDateTime::currentDateTimeUtc().msecsTo(m_tokens.expiresAt) -
                       qint64(kRefreshMarginSeconds) * 1000;
    m_proactiveTimer.start(
        int(qBound(qint64(0), due, qint64(std::numeric_limits<int>::max() / 2))));
}

// ---- sign-out ------------------------------------------------------------------------------

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

// ---- keychain and settings -----------------------------------------------------------------

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

void ProcoreAuth::storeLoad(const QString &userId, LoadDone done)
{
    if (!m_store)
        return emitLater([done] { done({}, {}); });
    connect(m_store->loadJob(m_account.entryKey(userId), this), &TokenStoreJob::finished, this,
            [done](TokenStoreJob *job) { done(job->tokens(), job->error()); });
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
