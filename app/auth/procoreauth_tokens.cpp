// ProcoreAuth, second half: what happens to tokens once they exist — refresh, sign-out and the
// keychain. Split from procoreauth.cpp only to keep each file short.
#include "common/logging.h"
#include "oauthrequest.h"
#include "procoreauth.h"
#include "signoutjob.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <QCryptographicHash>
#include <QOAuth2AuthorizationCodeFlow>

#include <limits>

namespace {

QByteArray fingerprint(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

// ---- refresh -------------------------------------------------------------------------------

void ProcoreAuth::refresh()
{
    if (m_refreshing)
        return; // joins the refresh in flight
    const QString refreshToken = m_tokens.refreshToken;
    if (m_signOut || refreshToken.isEmpty()) {
        const ProcoreError notSignedIn(ProcoreError::Kind::SignInNeeded,
                                       tr("You are not signed in to Procore. Please sign in."),
                                       QStringLiteral("refresh without a refresh token"));
        return emitLater([this, notSignedIn] { emit refreshFailed(notSignedIn); });
    }
    m_refreshing = true;
    m_proactiveTimer.stop();
    updateState();
    if (m_spentRefreshTokens.contains(fingerprint(refreshToken))) {
        // Cannot happen by design; if it ever did, sending it again could get the whole
        // grant revoked, so give up on it instead.
        qCCritical(lcAuth) << "refusing to send a refresh token that was already sent";
        const ProcoreError spent(ProcoreError::Kind::SignInNeeded,
                                 tr("Your Procore sign-in has expired. Please sign in again."),
                                 QStringLiteral("refresh token already spent"));
        return emitLater([this, spent] { loseTokens(spent); });
    }
    // Procore spends a refresh token the moment it receives it, whatever happens next.
    m_spentRefreshTokens.insert(fingerprint(refreshToken));
    m_account.markRefreshSent(refreshToken);
    const OAuthRequest::Form form{
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("client_id"), m_client.clientId},
        {QStringLiteral("client_secret"), m_client.clientSecret},
        {QStringLiteral("refresh_token"), refreshToken},
        // Procore's docs send it; the Ruby SDK does not; it is harmless either way.
        {QStringLiteral("redirect_uri"), m_client.redirectUri},
    };
    qCInfo(lcAuth) << "refreshing the access token";
    m_refresh =
        OAuthRequest::postForm(m_network, m_environment.tokenUrl(), form, m_requestTimeoutMs, this);
    connect(m_refresh, &OAuthRequest::finished, this, [this, refreshToken](OAuthRequest *request) {
        request->deleteLater();
        m_refresh = nullptr;
        onRefreshFinished(request, refreshToken);
    });
}

void ProcoreAuth::onRefreshFinished(OAuthRequest *request, const QString &sentRefreshToken)
{
    if (request->outcome() == OAuthRequest::Outcome::NeverSent) {
        // The old refresh token never reached Procore and still works.
        m_spentRefreshTokens.remove(fingerprint(sentRefreshToken));
        m_account.clearRefreshSent();
        ProcoreError offline = request->error();
        offline.kind = ProcoreError::Kind::Offline;
        endRefresh();
        emit refreshFailed(offline);
        if (m_proactive && isSignedIn())
            m_proactiveTimer.start(30000);
        return;
    }
    if (request->outcome() == OAuthRequest::Outcome::Lost)
        return loseTokens(ProcoreError(
            ProcoreError::Kind::SignInNeeded,
            tr("The connection to Procore broke while your sign-in was being renewed, and "
               "Procore accepts each renewal only once. Please sign in again."),
            QStringLiteral("refresh answer lost: %1").arg(request->error().detail)));

    const auto result = TokenResponse::parse(request->httpStatus(), request->body(),
                                             QDateTime::currentDateTimeUtc());
    if (result.error) {
        // Any answer but success means the refresh token is gone (Procore rotates on every
        // call); the reason keeps its own kind so the user learns e.g. of a bad client secret.
        return loseTokens(result.error);
    }
    storeRefreshedTokens(result.tokens, sentRefreshToken);
}

void ProcoreAuth::storeRefreshedTokens(const TokenSet &received, const QString &sentRefreshToken)
{
    if (m_tokens.refreshToken != sentRefreshToken) {
        // A new sign-in replaced the tokens meanwhile; this pair belongs to the old grant.
        revokeQuietly(received.accessToken);
        endRefresh();
        emit tokensRefreshed();
        return;
    }
    TokenSet tokens = received;
    tokens.userId = m_tokens.userId;
    const quint64 run = m_refreshRun;
    // Store first: if the app died right after using the new pair, the old (spent) refresh
    // token must not be what the keychain holds.
    storeSave(tokens, [this, tokens, run](const ProcoreError &error) {
        if (run != m_refreshRun)
            return; // signed out while saving; the sign-out removes the entry after this save
        if (error)
            keychainTrouble(error); // still use the new pair, in memory only
        else
            m_account.clearRefreshSent(); // the keychain no longer holds the spent token
        adoptTokens(tokens);
        endRefresh();
        qCInfo(lcAuth) << "access token refreshed";
        emit tokensRefreshed();
    });
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
    const QString userId = m_tokens.userId;
    clearTokens();
    if (!userId.isEmpty())
        storeRemove(userId, [this](const ProcoreError &error) {
            if (error)
                keychainTrouble(error);
            else
                m_account.clearRefreshSent();
        });
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
    ++m_refreshRun;
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
