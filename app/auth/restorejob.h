#pragma once

#include "accountsettings.h"
#include "common/procoreerror.h"
#include "config/environment.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>

#include <functional>

class AccountLock;
class TokenStore;

// Reads the saved sign-in of one user at start. When the saved refresh token carries the crash
// marker, the entry is read again under the environment's AccountLock: the marker may belong to
// another process's live refresh, which holds the lock until the new pair is stored. A marker
// that survives the lock means a run died mid-refresh: Procore has spent that token, so the
// entry is deleted rather than sent again; a damaged entry is deleted too — unless `overtaken`
// says a sign-in or sign-out has taken over meanwhile. finished() comes once, never inside
// start(): tokens() is the pair restored, or empty with error() saying why.
class RestoreJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreJob)
public:
    // `store` is not owned and may be null (then nothing is saved); `lockTimeoutMs` bounds the
    // wait for another process's refresh.
    RestoreJob(const Environment &environment, TokenStore *store, const QString &userId,
               int lockTimeoutMs, std::function<bool()> overtaken, QObject *parent = nullptr);
    ~RestoreJob() override;

    void start();

    TokenSet tokens() const { return m_tokens; }
    ProcoreError error() const { return m_error; }

signals:
    void finished(RestoreJob *job);

private:
    void load();
    void onLoaded(const TokenSet &tokens, const ProcoreError &error);
    void forgetEntry(bool clearMarker);
    void finish(const TokenSet &tokens, const ProcoreError &error);

    Environment m_environment;
    QPointer<TokenStore> m_store;
    QString m_user;
    int m_lockTimeoutMs;
    std::function<bool()> m_overtaken;
    AccountSettings m_account;
    AccountLock *m_lock = nullptr; // held while a crash marker is checked again

    TokenSet m_tokens;
    ProcoreError m_error;
};
