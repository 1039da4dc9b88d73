#include "signoutjob.h"

#include "common/logging.h"
#include "oauthrequest.h"
#include "tokenstore.h"

#include <QTimer>

SignOutJob::SignOutJob(const Environment &environment, const ClientConfig &client,
                       TokenStore *store, QNetworkAccessManager *network, const TokenSet &inMemory,
                       int revokeTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_client(client)
    , m_store(store)
    , m_network(network)
    , m_inMemory(inMemory)
    , m_revokeTimeoutMs(revokeTimeoutMs)
    , m_account(environment.key())
{}

SignOutJob::~SignOutJob() = default;

void SignOutJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_pending = 1; // released from the event loop, so finished() is never synchronous
    QStringList users = m_account.entryUsers();
    for (const QString &known : {m_account.lastUser(), m_inMemory.userId}) {
        if (!known.isEmpty() && !users.contains(known))
            users << known;
    }
    m_account.setLastUser({});
    // The pair in memory may be newer than any entry (a keychain that refused the write).
    revoke(m_inMemory);
    qCInfo(lcAuth) << "signing out of" << users.size() << "keychain entries";
    for (const QString &userId : std::as_const(users))
        wipeEntry(userId);
    QTimer::singleShot(0, this, &SignOutJob::stepDone);
}

void SignOutJob::wipeEntry(const QString &userId)
{
    if (!m_store) {
        m_account.removeEntry(userId);
        return;
    }
    ++m_pending;
    const QString key = m_account.entryKey(userId);
    TokenStoreJob *load = m_store->loadJob(key, this);
    connect(load, &TokenStoreJob::finished, this, [this, key, userId](TokenStoreJob *loaded) {
        // A damaged or unreadable entry has nothing to revoke; it is deleted all the same.
        revoke(loaded->tokens());
        if (!m_store)
            return stepDone();
        TokenStoreJob *remove = m_store->removeJob(key, this);
        connect(remove, &TokenStoreJob::finished, this, [this, key, userId](TokenStoreJob *job) {
            if (job->error()) {
                qCWarning(lcAuth).noquote()
                    << "sign-out could not delete keychain entry" << key << job->error().detail;
                m_leftovers << key;
                if (!m_error)
                    m_error = job->error();
            } else {
                m_account.removeEntry(userId);
            }
            stepDone();
        });
    });
}

void SignOutJob::revoke(const TokenSet &tokens)
{
    // One token per grant is enough: revoking either token of a pair ends the grant.
    const QString token = tokens.accessToken.isEmpty() ? tokens.refreshToken : tokens.accessToken;
    if (token.isEmpty() || m_revoked.contains(token))
        return;
    m_revoked.insert(token);
    ++m_pending;
    auto *request = OAuthRequest::revoke(m_network, m_environment.revokeUrl(), m_client, token,
                                         m_revokeTimeoutMs, this);
    connect(request, &OAuthRequest::finished, this, [this](OAuthRequest *finished) {
        finished->deleteLater();
        if (finished->outcome() == OAuthRequest::Outcome::Answered)
            qCInfo(lcAuth) << "revoke answered with HTTP" << finished->httpStatus();
        else
            qCInfo(lcAuth) << "revoke did not reach Procore; signing out locally anyway";
        stepDone();
    });
}

void SignOutJob::stepDone()
{
    if (--m_pending > 0)
        return;
    if (m_leftovers.isEmpty())
        m_account.clearRefreshSent(); // no entry holds a token any more
    qCInfo(lcAuth) << "signed out;" << m_leftovers.size() << "keychain entries left";
    emit finished(this);
}
