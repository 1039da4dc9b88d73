#pragma once

#include "accountsettings.h"
#include "common/procoreerror.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

class OAuthRequest;
class QNetworkAccessManager;
class TokenStore;
class TokenStoreJob;

// Sign-out of one environment. It finds every keychain entry the environment may hold: the
// AccountSettings index, the remembered user and whoever is signed in now, so an entry whose
// remembered-user setting is gone is found too. Each entry is read, the grant it holds is
// revoked at Procore (best effort: an offline sign-out still wipes), and the entry is deleted.
// finished() comes once, never inside start(); leftovers() names the entries the keychain
// would not delete, and only an empty list means nothing is left.
class SignOutJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignOutJob)
public:
    // `store` and `network` are not owned and must outlive the job; `store` may be null (no
    // keychain: only `inMemory` is revoked).
    SignOutJob(const Environment &environment, const ClientConfig &client, TokenStore *store,
               QNetworkAccessManager *network, const TokenSet &inMemory, int revokeTimeoutMs,
               QObject *parent = nullptr);
    ~SignOutJob() override;

    void start();

    // Keychain entries still there, and why the first of them could not go.
    QStringList leftovers() const { return m_leftovers; }
    ProcoreError error() const { return m_error; }
    int revokesSent() const { return m_revoked.size(); }

signals:
    void finished(SignOutJob *job);

private:
    void wipeEntry(const QString &userId);
    void revoke(const TokenSet &tokens);
    void stepDone();

    Environment m_environment;
    ClientConfig m_client;
    QPointer<TokenStore> m_store;
    QNetworkAccessManager *m_network;
    TokenSet m_inMemory;
    int m_revokeTimeoutMs;
    AccountSettings m_account;

    QSet<QString> m_revoked; // tokens sent to the revoke endpoint, so a grant goes once
    QStringList m_leftovers;
    ProcoreError m_error;
    int m_pending = 0;
    bool m_started = false;
};
