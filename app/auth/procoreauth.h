#pragma once

#include "accountsettings.h"
#include "common/procoreerror.h"
#include "common/tokensource.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "redirectreplyhandler.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;
class RefreshJob;
class RestoreJob;
class SignInAttempt;
class SignOutJob;
class TokenStore;

// The TokenSource the API client uses, and the one place that owns the pair in use: it restores
// it from the keychain (RestoreJob), hands out sign-in attempts and refreshes, schedules the
// proactive refresh and keeps the ledger of refresh tokens sent. The work itself is done by small
// jobs: SignInAttempt (authorize URL, state, PKCE, listener, code exchange), RefreshJob (under the
// cross-process AccountLock), SignOutJob (every entry of the environment), all requests through
// OAuthRequest; AccountSettings owns every settings key, TokenStore the keychain.
class ProcoreAuth final : public TokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcoreAuth)
public:
    enum class SignInMode { Embedded, SystemBrowser, OutOfBand };
    Q_ENUM(SignInMode)
    enum class State {
        SignedOut,
        Restoring,             // reading the keychain
        AwaitingAuthorization, // authorize URL handed out, waiting for the redirect
        ExchangingCode,        // code -> tokens -> token info -> keychain
        SignedIn,
        Refreshing,
        SigningOut,
    };
    Q_ENUM(State)

    // `store` and `network` are not owned and must outlive this object.
    ProcoreAuth(const Environment &environment, const ClientConfig &client, TokenStore *store,
                QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ProcoreAuth() override;

    // TokenSource
    QString accessToken() const override { return m_tokens.accessToken; }
    QDateTime expiresAt() const override { return m_tokens.expiresAt; }
    bool isRefreshing() const override { return m_refreshing; }
    void refresh() override;

    State state() const { return m_state; }
    bool isSignedIn() const { return !m_tokens.isEmpty(); }
    QString userId() const { return m_tokens.userId; }
    // Someone signed in to this environment before and did not sign out (settings only; the
    // keychain may still say otherwise).
    bool hasRememberedUser() const { return !m_account.lastUser().isEmpty(); }
    Environment environment() const { return m_environment; }
    ClientConfig client() const { return m_client; }
    RedirectReplyHandler *redirectHandler() const { return m_handler; }
    // Where the system-browser listener waits (valid while signing in that way).
    quint16 loopbackPort() const;

    // Token endpoint and token info timeout (default 30 s); revoke on sign-out (default 5 s).
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    void setRevokeTimeout(int ms) { m_revokeTimeoutMs = ms; }
    // Refresh on a timer RefreshMarginSeconds before the access token expires (default on).
    void setProactiveRefresh(bool enabled);
    // Milliseconds until that refresh runs; -1 when none is planned.
    int proactiveRefreshInMs() const { return m_proactiveTimer.remainingTime(); }

public slots:
    // Loads this environment's last user's tokens -> signedIn() or signInNeeded(reason); the
    // reason is None on a first run.
    void restore();
    // Starts a fresh attempt (new state, new PKCE verifier) and emits authorizationUrlReady().
    // SystemBrowser also starts the loopback listener; the caller opens the URL.
    void signIn(ProcoreAuth::SignInMode mode = SignInMode::Embedded);
    void cancelSignIn();
    // The redirect caught by the login window or handed over from elsewhere. None when the
    // handler took it (codeReceived or a refusal follows through signedIn/signInFailed);
    // otherwise the URL is not the configured redirect and why.
    ProcoreError completeSignIn(const QUrl &redirect);
    // Revokes (best effort) and deletes every keychain entry of this environment (SignOutJob)
    // and forgets the tokens in memory, then signedOut() — also when Procore cannot be reached.
    void signOut();

signals:
    void stateChanged(ProcoreAuth::State state);
    void authorizationUrlReady(const QUrl &url);
    void signedIn();
    void signInNeeded(const ProcoreError &reason);
    void signInFailed(const ProcoreError &error);
    // `leftovers` names the keychain entries that could not be deleted; signed out for good
    // only when it is empty.
    void signedOut(const QStringList &leftovers);
    // Trouble that did not stop anything, e.g. the keychain refusing (told once per session).
    void errorOccurred(const ProcoreError &error);

private:
    enum class Phase { None, AwaitingAuthorization, ExchangingCode };
    using StoreDone = std::function<void(const ProcoreError &)>;

    void updateState();
    // A sign-in or sign-out took over from the restore.
    bool overtaken() const { return isSignedIn() || m_phase != Phase::None || !m_signOut.isNull(); }
    void onRestoreFinished(RestoreJob *job);
    void abortSignIn();
    void failSignIn(const ProcoreError &error);
    void onAttemptFinished(SignInAttempt *attempt);
    void onRefreshFinished(RefreshJob *job);
    void endRefresh();
    void loseTokens(const ProcoreError &reason);
    void adoptTokens(const TokenSet &tokens);
    void clearTokens();
    void scheduleProactiveRefresh();
    void keychainTrouble(const ProcoreError &error);
    void revokeQuietly(const QString &accessToken);
    void emitLater(std::function<void()> emitter);

    // Keychain entries go through the AccountSettings index: indexed before written,
    // unindexed once deleted.
    void storeSave(const TokenSet &tokens, StoreDone done);
    void storeRemove(const QString &userId, StoreDone done);

    Environment m_environment;
    ClientConfig m_client;
    AccountSettings m_account;
    QPointer<TokenStore> m_store;
    QNetworkAccessManager *m_network;
    RedirectReplyHandler *m_handler = nullptr;
    QPointer<SignInAttempt> m_signIn;

    State m_state = State::SignedOut;
    TokenSet m_tokens;

    Phase m_phase = Phase::None;
    quint64 m_attempt = 0; // bumps whenever an attempt ends, so late answers are ignored

    bool m_refreshing = false;
    QPointer<RefreshJob> m_refresh;
    QSet<QByteArray> m_spentRefreshTokens; // SHA-256 of every refresh token ever sent
    QTimer m_proactiveTimer;
    bool m_proactive = true;

    QPointer<RestoreJob> m_restore;
    bool m_keychainWarned = false;
    QPointer<SignOutJob> m_signOut;
    int m_requestTimeoutMs = 30000;
    int m_revokeTimeoutMs = 5000;
};

Q_DECLARE_METATYPE(ProcoreAuth::State)
