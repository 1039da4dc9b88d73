#include "accountlock.h"

#include "common/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

AccountLock::AccountLock(const QString &environmentKey, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_file(std::make_unique<QLockFile>(lockPath(environmentKey)))
    , m_timeoutMs(timeoutMs)
{
    // A live holder never keeps it longer than one refresh; past that it is hung.
    m_file->setStaleLockTime(timeoutMs);
    m_poll.setInterval(20);
    connect(&m_poll, &QTimer::timeout, this, &AccountLock::tryOnce);
}

AccountLock::~AccountLock()
{
    unlock();
}

QString AccountLock::lockPath(const QString &environmentKey)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/locks");
    QDir().mkpath(dir);
    const QByteArray name =
        QCryptographicHash::hash(environmentKey.toUtf8(), QCryptographicHash::Sha256).toHex();
    return dir + QLatin1Char('/') + QString::fromLatin1(name.left(16)) + QStringLiteral(".lock");
}

void AccountLock::acquire()
{
    m_waited.start();
    // From the event loop, so finished() never comes inside acquire().
    QTimer::singleShot(0, this, &AccountLock::tryOnce);
}

void AccountLock::tryOnce()
{
    if (m_file->tryLock(0)) {
        m_poll.stop();
        if (m_waited.elapsed() > 100)
            qCInfo(lcAuth) << "waited" << m_waited.elapsed() << "ms for another process's refresh";
        emit finished(true);
        return;
    }
    if (m_file->error() == QLockFile::PermissionError ||
        m_file->error() == QLockFile::UnknownError || m_waited.elapsed() >= m_timeoutMs) {
        m_poll.stop();
        qCWarning(lcAuth) << "sign-in lock not taken:" << m_file->error() << "after"
                          << m_waited.elapsed() << "ms";
        emit finished(false);
        return;
    }
    if (!m_poll.isActive())
        m_poll.start();
}

void AccountLock::unlock()
{
    m_poll.stop();
    if (m_file && m_file->isLocked())
        m_file->unlock();
}
