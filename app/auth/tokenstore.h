#pragma once

#include "common/procoreerror.h"
#include "tokenset.h"
#include "tokenstorejob.h"

#include <QObject>
#include <QString>

// Where a TokenSet lives between runs. Asynchronous because keychains are: every call returns
// a request id at once and ends later (never inside the call) with exactly one matching
// *Finished signal carrying that id. Requests finish in the order they were made.
// Errors are kind Keychain with a message a user can act on, or BadData for a damaged entry.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~TokenStore() override = default;

    virtual int load(const QString &key) = 0;
    virtual int save(const QString &key, const TokenSet &tokens) = 0;
    virtual int remove(const QString &key) = 0; // removing a missing entry succeeds

    // The same requests as jobs with one finished() each, owned by `parent`.
    TokenStoreJob *loadJob(const QString &key, QObject *parent);
    TokenStoreJob *saveJob(const QString &key, const TokenSet &tokens, QObject *parent);
    TokenStoreJob *removeJob(const QString &key, QObject *parent);

    // The entry name of one user's grant in one environment.
    static QString entryKey(const QString &environmentKey, const QString &userId)
    {
        return environmentKey + QLatin1Char('/') + userId;
    }

signals:
    // tokens is empty and error is None when there is no such entry.
    void loadFinished(int requestId, const TokenSet &tokens, const ProcoreError &error);
    void saveFinished(int requestId, const ProcoreError &error);
    void removeFinished(int requestId, const ProcoreError &error);

protected:
    int nextRequestId() { return ++m_lastRequestId; }

private:
    int m_lastRequestId = 0;
};
