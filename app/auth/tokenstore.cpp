#include "tokenstore.h"

TokenStoreJob *TokenStore::loadJob(const QString &key, QObject *parent)
{
    auto *job = new TokenStoreJob(this, TokenStoreJob::Type::Load, key, parent);
    job->start({});
    return job;
}

TokenStoreJob *TokenStore::saveJob(const QString &key, const TokenSet &tokens, QObject *parent)
{
    auto *job = new TokenStoreJob(this, TokenStoreJob::Type::Save, key, parent);
    job->start(tokens);
    return job;
}

TokenStoreJob *TokenStore::removeJob(const QString &key, QObject *parent)
{
    auto *job = new TokenStoreJob(this, TokenStoreJob::Type::Remove, key, parent);
    job->start({});
    return job;
}
