#include "keychaintokenstore.h"

#include "common/logging.h"
#include "keychainchunks.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

namespace {

constexpr int kMaxProbedChunks = 64;

} // namespace

KeychainTokenStore::KeychainTokenStore(QObject *parent, int chunkLimit)
    : TokenStore(parent)
    , m_chunkLimit(chunkLimit)
{}

KeychainTokenStore::~KeychainTokenStore() = default;

int KeychainTokenStore::defaultChunkLimit()
{
#ifdef Q_OS_WIN
    return KeychainChunks::kWindowsLimit;
#else
    return 0;
#endif
}

ProcoreError KeychainTokenStore::errorFor(int keychainError, const QString &errorString)
{
    const QString detail =
        QStringLiteral("keychain error %1: %2").arg(keychainError).arg(errorString);
    const auto make = [&](const QString &message) {
        return ProcoreError(ProcoreError::Kind::Keychain, message, detail);
    };
    const QString unavailable =
        tr("No system keychain is available, so your sign-in cannot be saved. On Linux, "
           "install and start a Secret Service such as GNOME Keyring or KWallet.");
    switch (keychainError) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return make(unavailable);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return make(tr("The system keychain is locked or refused access, so your sign-in "
                       "cannot be saved. Unlock the keychain (or allow Procore Desktop to use "
                       "it) and sign in again."));
    case QKeychain::CouldNotDeleteEntry:
        return make(tr("Your saved sign-in could not be deleted from the system keychain. "
                       "Remove the \"procore-desktop\" entries with your keychain tool."));
    default:
        break;
    }
    // Everything else arrives as OtherError; only the text tells the cases apart.
    const QString lower = errorString.toLower();
    if (lower.contains(QLatin1String("locked")) || lower.contains(QLatin1String("/collection/")))
        return make(tr("The system keychain is locked, so your sign-in cannot be saved. Unlock "
                       "it (on Linux: your login keyring) and sign in again."));
    for (const char *hint : {"could not connect", "autolaunch", "not provided",
                             "org.freedesktop.secrets", "d-bus", "dbus", "no such file"}) {
        if (lower.contains(QLatin1String(hint)))
            return make(unavailable);
    }
    return make(tr("The system keychain reported an error (%1), so your sign-in cannot be saved.")
                    .arg(errorString));
}

int KeychainTokenStore::load(const QString &key)
{
    const int id = nextRequestId();
    enqueue({Request::Type::Load, id, key, {}});
    return id;
}

int KeychainTokenStore::save(const QString &key, const TokenSet &tokens)
{
    const int id = nextRequestId();
    enqueue({Request::Type::Save, id, key, tokens.toJson()});
    return id;
}

int KeychainTokenStore::remove(const QString &key)
{
    const int id = nextRequestId();
    enqueue({Request::Type::Remove, id, key, {}});
    return id;
}

void KeychainTokenStore::enqueue(Request request)
{
    m_queue.enqueue(std::move(request));
    if (!m_busy) {
        m_busy = true;
        // Start from the event loop so no answer can arrive inside the caller's call.
        QTimer::singleShot(0, this, &KeychainTokenStore::startNext);
    }
}

void KeychainTokenStore::startNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    switch (current().type) {
    case Request::Type::Load:
        return loadFirst();
    case Request::Type::Save: {
        m_parts = KeychainChunks::split(current().value, m_chunkLimit);
        // Continuation chunks first, the first entry (with the header and checksum) last: a
        // crash in between leaves a set whose checksum fails, not a silently mixed value.
        m_index = int(m_parts.size()) - 1;
        return saveNextChunk();
    }
    case Request::Type::Remove:
        return removeStart();
    }
}

void KeychainTokenStore::finishCurrent()
{
    m_queue.dequeue();
    m_parts.clear();
    startNext();
}

void KeychainTokenStore::loadFirst()
{
    readEntry(current().key,
              [this](int error, const QString &errorString, const QByteArray &first) {
                  if (error == QKeychain::EntryNotFound) {
                      m_knownChunks.insert(current().key, 0);
                      emit loadFinished(current().id, {}, {});
                      return finishCurrent();
                  }
                  if (error != QKeychain::NoError) {
                      emit loadFinished(current().id, {}, errorFor(error, errorString));
                      return finishCurrent();
                  }
                  m_parts = {first};
                  m_expected = qMax(1, KeychainChunks::chunkCount(first));
                  m_knownChunks.insert(current().key, m_expected);
                  loadNextChunk();
              });
}

void KeychainTokenStore::loadNextChunk()
{
    const int index = int(m_parts.size());
    if (index >= m_expected)
        return loadDone();
    readEntry(KeychainChunks::entryKey(current().key, index),
              [this](int error, const QString &errorString, const QByteArray &data) {
                  if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
                      emit loadFinished(current().id, {}, errorFor(error, errorString));
                      return finishCurrent();
                  }
                  if (error == QKeychain::EntryNotFound) {
                      m_expected = int(m_parts.size()) + 1; // join() then reports the damage
                      m_parts.append(QByteArray());
                      return loadDone();
                  }
                  m_parts.append(data);
                  loadNextChunk();
              });
}

void KeychainTokenStore::loadDone()
{
    bool ok = false;
    const QByteArray value = KeychainChunks::join(m_parts, &ok);
    ProcoreError problem;
    // join() failing leaves `value` empty, which fromJson reports as a damaged sign-in.
    const TokenSet tokens = TokenSet::fromJson(ok ? value : QByteArray(), &problem);
    if (problem)
        qCWarning(lcKeychain) << "stored entry is damaged:" << problem.detail;
    emit loadFinished(current().id, tokens, problem);
    finishCurrent();
}

void KeychainTokenStore::saveNextChunk()
{
    if (m_index < 0) {
        const int newCount = int(m_parts.size());
        const int oldCount = m_knownChunks.value(current().key, -1);
        m_knownChunks.insert(current().key, newCount);
        emit saveFinished(current().id, {});
        // Leftover chunks of a longer old value go after the answer, best effort. With an
        // unknown old count, probing stops at the first missing chunk.
        m_probing = oldCount < 0;
        m_staleUpTo = m_probing ? newCount + kMaxProbedChunks : oldCount;
        m_index = newCount;
        return deleteStaleChunks();
    }
    const int index = m_index--;
    writeEntry(KeychainChunks::entryKey(current().key, index), m_parts.at(index),
               [this](int error, const QString &errorString, const QByteArray &) {
                   if (error != QKeychain::NoError) {
                       emit saveFinished(current().id, errorFor(error, errorString));
                       return finishCurrent();
                   }
                   saveNextChunk();
               });
}

void KeychainTokenStore::deleteStaleChunks()
{
    if (m_index >= m_staleUpTo)
        return finishCurrent();
    deleteEntry(KeychainChunks::entryKey(current().key, m_index++),
                [this](int error, const QString &, const QByteArray &) {
                    if (m_probing && error != QKeychain::NoError)
                        return finishCurrent();
                    deleteStaleChunks();
                });
}

void KeychainTokenStore::removeStart()
{
    const int known = m_knownChunks.value(current().key, -1);
    if (known >= 0) {
        m_index = qMax(known, 1) - 1;
        return removeNextChunk();
    }
    // Learn how many chunks there are before deleting them.
    readEntry(current().key,
              [this](int error, const QString &errorString, const QByteArray &first) {
                  if (error == QKeychain::EntryNotFound) {
                      m_knownChunks.insert(current().key, 0);
                      emit removeFinished(current().id, {});
                      return finishCurrent();
                  }
                  if (error != QKeychain::NoError) {
                      emit removeFinished(current().id, errorFor(error, errorString));
                      return finishCurrent();
                  }
                  const int count = KeychainChunks::chunkCount(first);
                  m_index = (count < 1 ? kMaxProbedChunks : count) - 1;
                  removeNextChunk();
              });
}

void KeychainTokenStore::removeNextChunk()
{
    // From the last chunk down to the first entry; "not found" counts as deleted.
    const int index = m_index--;
    deleteEntry(KeychainChunks::entryKey(current().key, index),
                [this, index](int error, const QString &errorString, const QByteArray &) {
                    if (index > 0)
                        return removeNextChunk();
                    if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
                        emit removeFinished(current().id, errorFor(error, errorString));
                        return finishCurrent();
                    }
                    m_knownChunks.insert(current().key, 0);
                    emit removeFinished(current().id, {});
                    finishCurrent();
                });
}

void KeychainTokenStore::readEntry(const QString &entry, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    startJob(
        job, entry,
        [job, done = std::move(done)](int error, const QString &errorString, const QByteArray &) {
            done(error, errorString,
                 error == QKeychain::NoError ? job->binaryData() : QByteArray());
        });
}

void KeychainTokenStore::writeEntry(const QString &entry, const QByteArray &value, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setBinaryData(value);
    startJob(job, entry, std::move(done));
}

void KeychainTokenStore::deleteEntry(const QString &entry, Done done)
{
    startJob(new QKeychain::DeletePasswordJob(serviceName()), entry, std::move(done));
}

void KeychainTokenStore::startJob(QKeychain::Job *job, const QString &entry, Done done)
{
    // Not parented to the store: a job deleted while libsecret still works on it crashes in
    // its callback. An orphan finishes, deletes itself, and finds our connection gone.
    job->setKey(entry);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this,
            [entry, done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError &&
                    finished->error() != QKeychain::EntryNotFound)
                    qCWarning(lcKeychain).noquote()
                        << "keychain job failed for entry" << entry << ":" << finished->error()
                        << finished->errorString();
                done(finished->error(), finished->errorString(), {});
            });
    job->start();
}
