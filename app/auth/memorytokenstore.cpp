#include "memorytokenstore.h"

#include <QTimer>

MemoryTokenStore::MemoryTokenStore(QObject *parent)
    : TokenStore(parent)
{}

int MemoryTokenStore::load(const QString &key)
{
    const int id = nextRequestId();
    const ProcoreError failure = m_failure;
    const TokenSet tokens = failure ? TokenSet() : m_entries.value(key);
    QTimer::singleShot(0, this,
                       [this, id, tokens, failure] { emit loadFinished(id, tokens, failure); });
    return id;
}

int MemoryTokenStore::save(const QString &key, const TokenSet &tokens)
{
    const int id = nextRequestId();
    const ProcoreError failure = m_failure;
    if (!failure) {
        m_entries.insert(key, tokens);
        ++m_saves;
    }
    QTimer::singleShot(0, this, [this, id, failure] { emit saveFinished(id, failure); });
    return id;
}

int MemoryTokenStore::remove(const QString &key)
{
    const int id = nextRequestId();
    const ProcoreError failure = m_failure;
    if (!failure)
        m_entries.remove(key);
    QTimer::singleShot(0, this, [this, id, failure] { emit removeFinished(id, failure); });
    return id;
}
