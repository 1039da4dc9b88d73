#pragma once

#include <QElapsedTimer>
#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <memory>

// One environment's sign-in lock, shared by every process of this user (the window, terminal
// runs): a QLockFile in the app's data folder, held across "read the keychain -> refresh ->
// store the new pair" so only one process ever sends a given refresh token. acquire() polls
// without blocking the event loop and ends with one finished(); a holder that died (SIGKILL,
// crash) leaves a lock that QLockFile recognises by its dead process ID and takes over.
class AccountLock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountLock)
public:
    AccountLock(const QString &environmentKey, int timeoutMs, QObject *parent = nullptr);
    ~AccountLock() override; // unlocks

    static QString lockPath(const QString &environmentKey);

    void acquire();
    void unlock();
    bool isLocked() const { return m_file && m_file->isLocked(); }

signals:
    // false: another live process held it for longer than the timeout.
    void finished(bool locked);

private:
    void tryOnce();

    std::unique_ptr<QLockFile> m_file;
    QTimer m_poll;
    QElapsedTimer m_waited;
    int m_timeoutMs;
};
