#pragma once

#include "common/procoreerror.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>
#include <QString>

class TokenStore;

// One TokenStore request as a job, the way QKeychain::Job is one: finished() exactly once,
// from the event loop, then the job deletes itself. Made by TokenStore::loadJob/saveJob/
// removeJob; deleting the job (or its parent) first drops the answer.
class TokenStoreJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStoreJob)
public:
    enum class Type { Load, Save, Remove };

    Type type() const { return m_type; }
    QString key() const { return m_key; }
    // What a load found: empty with no error when there is no such entry.
    TokenSet tokens() const { return m_tokens; }
    ProcoreError error() const { return m_error; }

signals:
    void finished(TokenStoreJob *job);

private:
    friend class TokenStore;
    TokenStoreJob(TokenStore *store, Type type, QString key, QObject *parent);
    void start(const TokenSet &tokens);
    void finish(const TokenSet &tokens, const ProcoreError &error);

    QPointer<TokenStore> m_store;
    Type m_type;
    QString m_key;
    int m_requestId = 0;
    TokenSet m_tokens;
    ProcoreError m_error;
};
