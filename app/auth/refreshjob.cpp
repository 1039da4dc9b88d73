#include "refreshjob.h"

#include "accountlock.h"
#include "common/logging.h"
#include "oauthrequest.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <QCryptographicHash>

RefreshJob::RefreshJob(const Environment &environment, const ClientConfig &client,
                       TokenStore *store, QNetworkAccessManager *network, const TokenSet &current,
                       QSet<QByteArray> *spent, int requestTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_client(client)
    , m_store(store)
    , m_network(network)
    , m_current(current)
    , m_spent(spent)
    , m_requestTimeoutMs(requestTimeoutMs)
    , m_account(environment.key())
    // Long enough for a holder's whole refresh: the request and the keychain on both sides.
    , m_lock(new AccountLock(environment.key(), 2 * requestTimeoutMs + 5000, this))
{}

RefreshJob::~RefreshJob()
{
    abandon();
}

QByteArray RefreshJob::fingerprint(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

void RefreshJob::start()
{
    connect(m_lock, &AccountLock::finished, this, &RefreshJob::onLocked);
    m_lock->acquire();
}

void RefreshJob::abandon()
{
    disconnect(this, nullptr, nullptr, nullptr);
    if (m_request)
        m_request->abandon();
    m_lock->unlock();
}

void RefreshJob::onLocked(bool locked)
{
    if (!locked) {
        m_error = ProcoreError(ProcoreError::Kind::Offline,
                               tr("Another Procore Desktop window or command is renewing your "
                                  "sign-in and has not finished. Try again in a moment."),
                               QStringLiteral("sign-in lock not taken"));
        return finish(Result::Offline);
    }
    if (!m_store)
        return send();
    // Another process may have rotated the pair while this one waited or ran on old tokens.
    TokenStoreJob *read = m_store->loadJob(m_account.entryKey(m_current.userId), this);
    connect(read, &TokenStoreJob::finished, this,
            [this](TokenStoreJob *job) { onStoredRead(job->tokens(), job->error()); });
}

void RefreshJob::onStoredRead(const TokenSet &stored, const ProcoreError &error)
{
    if (!error && !stored.refreshToken.isEmpty() && stored.refreshToken != m_current.refreshToken &&
        !m_spent->contains(fingerprint(stored.refreshToken))) {
        qCInfo(lcAuth) << "another process renewed the sign-in; using its pair";
        m_tokens = stored;
        m_tokens.userId = m_current.userId;
        return finish(Result::Adopted);
    }
    if (!error && stored.refreshToken == m_current.refreshToken &&
        !m_spent->contains(fingerprint(stored.refreshToken)) &&
        m_account.wasRefreshSent(stored.refreshToken)) {
        // Another process sent this very token and died before storing the answer (a live
        // one would still hold the lock): Procore has spent it, and sending it again would
        // revoke the whole grant.
        qCWarning(lcAuth) << "the refresh token was sent by a process that did not finish";
        return lose(ProcoreError(
            ProcoreError::Kind::SignInNeeded,
            tr("Another Procore Desktop window or command was closed while it renewed your "
               "sign-in, and Procore accepts each renewal only once. Please sign in again."),
            QStringLiteral("refresh token sent by a process that did not finish")));
    }
    // The entry still holds ours, or cannot be read, or is missing (a locked keyring reads as
    // missing): the pair in memory is then all there is. A grant another process ended is
    // refused by Procore without harm.
    send();
}

void RefreshJob::send()
{
    const QString refreshToken = m_current.refreshToken;
    if (m_spent->contains(fingerprint(refreshToken))) {
        // Cannot happen by design; sending it again could get the whole grant revoked.
        qCCritical(lcAuth) << "refusing to send a refresh token that was already sent";
        return lose(ProcoreError(ProcoreError::Kind::SignInNeeded,
                                 tr("Your Procore sign-in has expired. Please sign in again."),
                                 QStringLiteral("refresh token already spent")));
    }
    // Procore spends a refresh token the moment it receives it, whatever happens next.
    m_spent->insert(fingerprint(refreshToken));
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
    m_request =
        OAuthRequest::postForm(m_network, m_environment.tokenUrl(), form, m_requestTimeoutMs, this);
    connect(m_request, &OAuthRequest::finished, this, &RefreshJob::onAnswer);
}

void RefreshJob::onAnswer(OAuthRequest *request)
{
    request->deleteLater();
    if (request->outcome() == OAuthRequest::Outcome::NeverSent) {
        // The old refresh token never reached Procore and still works.
        m_spent->remove(fingerprint(m_current.refreshToken));
        m_account.clearRefreshSent();
        m_error = request->error();
        m_error.kind = ProcoreError::Kind::Offline;
        return finish(Result::Offline);
    }
    if (request->outcome() == OAuthRequest::Outcome::Lost)
        return lose(ProcoreError(
            ProcoreError::Kind::SignInNeeded,
            tr("The connection to Procore broke while your sign-in was being renewed, and "
               "Procore accepts each renewal only once. Please sign in again."),
            QStringLiteral("refresh answer lost: %1").arg(request->error().detail)));
    const auto parsed = TokenResponse::parse(request->httpStatus(), request->body(),
                                             QDateTime::currentDateTimeUtc());
    // Any answer but success means the refresh token is gone (Procore rotates on every call);
    // the reason keeps its own kind so the user learns e.g. of a bad client secret.
    if (parsed.error)
        return lose(parsed.error);
    m_tokens = parsed.tokens;
    m_tokens.userId = m_current.userId;
    if (!m_store)
        return finish(Result::Refreshed);
    // Stored before the lock goes: the next process to take it must find the new pair.
    m_account.addEntry(m_tokens.userId);
    TokenStoreJob *save = m_store->saveJob(m_account.entryKey(m_tokens.userId), m_tokens, this);
    connect(save, &TokenStoreJob::finished, this, [this](TokenStoreJob *job) {
        m_storeError = job->error();
        if (!m_storeError)
            m_account.clearRefreshSent(); // the keychain no longer holds the spent token
        finish(Result::Refreshed);
    });
}

void RefreshJob::lose(const ProcoreError &reason)
{
    m_error = reason;
    if (!m_store)
        return finish(Result::Lost);
    // Under the lock the entry still holds the token that failed (it was read above), so
    // deleting it cannot destroy a pair another process rotated.
    TokenStoreJob *remove = m_store->removeJob(m_account.entryKey(m_current.userId), this);
    connect(remove, &TokenStoreJob::finished, this, [this](TokenStoreJob *job) {
        m_storeError = job->error();
        if (!m_storeError) {
            m_account.removeEntry(m_current.userId);
            m_account.clearRefreshSent();
        }
        finish(Result::Lost);
    });
}

void RefreshJob::finish(Result result)
{
    m_result = result;
    m_lock->unlock();
    emit finished(this);
}
