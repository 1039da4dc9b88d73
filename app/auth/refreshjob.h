#pragma once

#include "accountsettings.h"
#include "common/procoreerror.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "tokenset.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSet>

class AccountLock;
class OAuthRequest;
class QNetworkAccessManager;
class TokenStore;

// One refresh, safe across processes. Under the environment's AccountLock it reads the keychain
// entry again: if another process has rotated the pair meanwhile, that pair is used and nothing
// is sent. Otherwise the crash marker is set, the refresh token is sent, and the new pair is
// stored before the lock is released; a refresh token Procore refused (or whose answer was
// lost) is deleted from the keychain while the lock still guarantees the entry holds it.
// finished() comes once, never inside start().
class RefreshJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshJob)
public:
    enum class Result {
        Refreshed, // tokens(): the new pair (stored unless storeError())
        Adopted,   // tokens(): a pair another process stored; nothing was sent
        Offline,   // error(): the refresh never reached Procore, the old pair still works
        Lost,      // error(): the grant is gone, the entry deleted
    };

    // `spent` is the caller's ledger of refresh-token hashes ever sent; `store` may be null.
    RefreshJob(const Environment &environment, const ClientConfig &client, TokenStore *store,
               QNetworkAccessManager *network, const TokenSet &current, QSet<QByteArray> *spent,
               int requestTimeoutMs, QObject *parent = nullptr);
    ~RefreshJob() override;

    void start();
    // Gives up without finished(): no answer is taken, the lock is released.
    void abandon();

    Result result() const { return m_result; }
    TokenSet tokens() const { return m_tokens; }
    ProcoreError error() const { return m_error; }
    ProcoreError storeError() const { return m_storeError; }
    static QByteArray fingerprint(const QString &secret);

signals:
    void finished(RefreshJob *job);

private:
    void onLocked(bool locked);
    void onStoredRead(const TokenSet &stored, const ProcoreError &error);
    void send();
    void onAnswer(OAuthRequest *request);
    void lose(const ProcoreError &reason);
    void finish(Result result);

    Environment m_environment;
    ClientConfig m_client;
    QPointer<TokenStore> m_store;
    QNetworkAccessManager *m_network;
    TokenSet m_current;
    QSet<QByteArray> *m_spent;
    int m_requestTimeoutMs;
    AccountSettings m_account;
    AccountLock *m_lock;
    QPointer<OAuthRequest> m_request;

    Result m_result = Result::Offline;
    TokenSet m_tokens;
    ProcoreError m_error;
    ProcoreError m_storeError;
};
