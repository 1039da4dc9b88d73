#pragma once

#include "tokenstore.h"

#include <QHash>

// A TokenStore that keeps entries in this process only: for tests, and a model of the real
// one's asynchronous behaviour (answers come from the event loop, in order).
class MemoryTokenStore final : public TokenStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryTokenStore)
public:
    explicit MemoryTokenStore(QObject *parent = nullptr);

    int load(const QString &key) override;
    int save(const QString &key, const TokenSet &tokens) override;
    int remove(const QString &key) override;

    // Test hooks: every request fails with `error` while it is set (None to stop).
    void setFailure(const ProcoreError &error) { m_failure = error; }
    QHash<QString, TokenSet> entries() const { return m_entries; }
    void setEntry(const QString &key, const TokenSet &tokens) { m_entries.insert(key, tokens); }
    int saveCount() const { return m_saves; }

private:
    QHash<QString, TokenSet> m_entries;
    ProcoreError m_failure;
    int m_saves = 0;
};
