#pragma once

#include "tokenstore.h"

#include <QByteArray>
#include <QHash>
#include <QQueue>

#include <functional>

namespace QKeychain {
class Job;
}

// The platform keychain through QtKeychain (Windows Credential Manager, macOS Keychain, Secret
// Service on Linux), service "procore-desktop", never with the insecure plain-file fallback.
// One value per entry: the whole TokenSet as JSON, split into chunks only where the platform
// limits a value's size (KeychainChunks). Requests run one at a time, in order.
class KeychainTokenStore final : public TokenStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainTokenStore)
public:
    // chunkLimit: largest value one keychain entry may hold; <= 0 means unlimited.
    explicit KeychainTokenStore(QObject *parent = nullptr, int chunkLimit = defaultChunkLimit());
    ~KeychainTokenStore() override;

    static QString serviceName() { return QStringLiteral("procore-desktop"); }
    // 2,560 bytes on Windows (CRED_MAX_CREDENTIAL_BLOB_SIZE), unlimited elsewhere.
    static int defaultChunkLimit();
    // Maps a QtKeychain failure to a message a user can act on.
    static ProcoreError errorFor(int keychainError, const QString &errorString);

    int load(const QString &key) override;
    int save(const QString &key, const TokenSet &tokens) override;
    int remove(const QString &key) override;

private:
    struct Request
    {
        enum class Type { Load, Save, Remove } type;
        int id;
        QString key;
        QByteArray value;
    };
    using Done = std::function<void(int error, const QString &errorString, const QByteArray &)>;

    void enqueue(Request request);
    void startNext();
    void finishCurrent();
    const Request &current() const { return m_queue.head(); }

    // One request runs at a time; these steps advance it one keychain job after another.
    void loadFirst();
    void loadNextChunk();
    void loadDone();
    void saveNextChunk();
    void deleteStaleChunks();
    void removeStart();
    void removeNextChunk();
    void readEntry(const QString &entry, Done done);
    void writeEntry(const QString &entry, const QByteArray &value, Done done);
    void deleteEntry(const QString &entry, Done done);
    void startJob(QKeychain::Job *job, const QString &entry, Done done);

    int m_chunkLimit;
    QQueue<Request> m_queue;
    bool m_busy = false;
    QHash<QString, int> m_knownChunks; // entry chunk counts seen this session
    // Progress of the current request.
    QList<QByteArray> m_parts;
    int m_expected = 0;
    int m_index = 0;
    int m_staleUpTo = 0;
    bool m_probing = false;
};
