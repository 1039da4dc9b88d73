#include "restorejob.h"

#include "accountlock.h"
#include "common/logging.h"
#include "tokenstore.h"

#include <QTimer>

RestoreJob::RestoreJob(const Environment &environment, TokenStore *store, const QString &userId,
                       int lockTimeoutMs, std::function<bool()> overtaken, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_store(store)
    , m_user(userId)
    , m_lockTimeoutMs(lockTimeoutMs)
    , m_overtaken(std::move(overtaken))
    , m_account(environment.key())
{}

RestoreJob::~RestoreJob() = default;

void RestoreJob::start()
{
    load();
}

void RestoreJob::load()
{
    if (!m_store)
        return QTimer::singleShot(0, this, [this] { onLoaded({}, {}); });
    connect(m_store->loadJob(m_account.entryKey(m_user), this), &TokenStoreJob::finished, this,
            [this](TokenStoreJob *job) { onLoaded(job->tokens(), job->error()); });
}

void RestoreJob::onLoaded(const TokenSet &tokens, const ProcoreError &error)
{
    if (!m_lock && !error && m_account.wasRefreshSent(tokens.refreshToken)) {
        // The marker may be a live refresh of another process: look again under the lock,
        // which that process holds until it has stored the new pair.
        m_lock = new AccountLock(m_environment.key(), m_lockTimeoutMs, this);
        connect(m_lock, &AccountLock::finished, this, [this](bool locked) {
            if (locked)
                return load();
            finish({}, ProcoreError(ProcoreError::Kind::Offline,
                                    tr("Another Procore Desktop window or command is renewing "
                                       "your sign-in and has not finished. Try again in a moment."),
                                    QStringLiteral("sign-in lock not taken at restore")));
        });
        return m_lock->acquire();
    }
    if (m_overtaken && m_overtaken())
        return finish({}, {}); // a sign-in or sign-out owns the entry now
    if (error) {
        if (error.kind != ProcoreError::Kind::Keychain)
            forgetEntry(false); // damaged entry
        return finish({}, error);
    }
    if (tokens.isEmpty() || tokens.userId != m_user)
        return finish({}, ProcoreError(ProcoreError::Kind::SignInNeeded,
                                       tr("Your saved Procore sign-in was not found. Please sign "
                                          "in again."),
                                       QStringLiteral("no keychain entry for the last user")));
    if (m_account.wasRefreshSent(tokens.refreshToken)) {
        // An earlier run sent this refresh token and ended before it could store the
        // answer: Procore has spent it, so sending it again would revoke the grant.
        qCWarning(lcAuth) << "the saved refresh token was sent by a run that did not finish";
        forgetEntry(true);
        return finish(
            {},
            ProcoreError(ProcoreError::Kind::SignInNeeded,
                         tr("The app was closed while your Procore sign-in was being renewed, "
                            "and Procore accepts each renewal only once. Please sign in again."),
                         QStringLiteral("saved refresh token already sent")));
    }
    qCInfo(lcAuth) << "restored the sign-in of user" << m_user;
    finish(tokens, {});
}

void RestoreJob::forgetEntry(bool clearMarker)
{
    if (!m_store)
        return;
    // Owned by the store, so the index is updated even when this job is gone by then.
    AccountSettings account = m_account;
    const QString user = m_user;
    connect(m_store->removeJob(m_account.entryKey(m_user), m_store), &TokenStoreJob::finished,
            m_store, [account, user, clearMarker](TokenStoreJob *job) mutable {
                if (job->error())
                    return;
                account.removeEntry(user);
                if (clearMarker)
                    account.clearRefreshSent();
            });
}

void RestoreJob::finish(const TokenSet &tokens, const ProcoreError &error)
{
    m_tokens = tokens;
    m_error = error;
    if (m_lock)
        m_lock->unlock();
    emit finished(this);
}
