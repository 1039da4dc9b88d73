#include "tokenstorejob.h"

#include "tokenstore.h"

#include <QTimer>

TokenStoreJob::TokenStoreJob(TokenStore *store, Type type, QString key, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_type(type)
    , m_key(std::move(key))
{}

void TokenStoreJob::start(const TokenSet &tokens)
{
    // The store answers from the event loop, never inside the call, so connecting after the
    // request has its id loses nothing.
    switch (m_type) {
    case Type::Load:
        m_requestId = m_store->load(m_key);
        connect(m_store, &TokenStore::loadFinished, this,
                [this](int id, const TokenSet &found, const ProcoreError &error) {
                    if (id == m_requestId)
                        finish(found, error);
                });
        break;
    case Type::Save:
        m_requestId = m_store->save(m_key, tokens);
        connect(m_store, &TokenStore::saveFinished, this,
                [this](int id, const ProcoreError &error) {
                    if (id == m_requestId)
                        finish({}, error);
                });
        break;
    case Type::Remove:
        m_requestId = m_store->remove(m_key);
        connect(m_store, &TokenStore::removeFinished, this,
                [this](int id, const ProcoreError &error) {
                    if (id == m_requestId)
                        finish({}, error);
                });
        break;
    }
    connect(m_store, &QObject::destroyed, this, [this] {
        finish({}, ProcoreError(ProcoreError::Kind::Keychain,
                                tr("The system keychain went away before it answered."),
                                QStringLiteral("token store destroyed mid-request")));
    });
}

void TokenStoreJob::finish(const TokenSet &tokens, const ProcoreError &error)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_tokens = tokens;
    m_error = error;
    emit finished(this);
    deleteLater();
}
