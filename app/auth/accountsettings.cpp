#include "accountsettings.h"

#include "tokenstore.h"

#include <QCryptographicHash>
#include <QSettings>

namespace {

// 64 bits of the SHA-256 are plenty to recognise the token and useless for recovering it.
QString shortFingerprint(const QString &refreshToken)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(refreshToken.toUtf8(), QCryptographicHash::Sha256)
            .left(8)
            .toHex());
}

} // namespace

AccountSettings::AccountSettings(QString environmentKey)
    : m_environmentKey(std::move(environmentKey))
{}

QString AccountSettings::key(const char *name) const
{
    return QStringLiteral("accounts/%1/%2").arg(m_environmentKey, QLatin1String(name));
}

QString AccountSettings::entryKey(const QString &userId) const
{
    return TokenStore::entryKey(m_environmentKey, userId);
}

QString AccountSettings::lastUser() const
{
    return QSettings().value(key("lastUser")).toString();
}

void AccountSettings::setLastUser(const QString &userId)
{
    QSettings settings;
    if (userId.isEmpty())
        settings.remove(key("lastUser"));
    else
        settings.setValue(key("lastUser"), userId);
}

QStringList AccountSettings::entryUsers() const
{
    return QSettings().value(key("entries")).toStringList();
}

void AccountSettings::addEntry(const QString &userId)
{
    if (userId.isEmpty())
        return;
    QSettings settings;
    QStringList users = settings.value(key("entries")).toStringList();
    if (users.contains(userId))
        return;
    users << userId;
    settings.setValue(key("entries"), users);
    settings.sync(); // on disk before the keychain holds anything to find
}

void AccountSettings::removeEntry(const QString &userId)
{
    QSettings settings;
    QStringList users = settings.value(key("entries")).toStringList();
    users.removeAll(userId);
    if (users.isEmpty())
        settings.remove(key("entries"));
    else
        settings.setValue(key("entries"), users);
}

void AccountSettings::markRefreshSent(const QString &refreshToken)
{
    QSettings settings;
    settings.setValue(key("refreshSent"), shortFingerprint(refreshToken));
    settings.sync(); // on disk before the request leaves
}

void AccountSettings::clearRefreshSent()
{
    QSettings().remove(key("refreshSent"));
}

bool AccountSettings::wasRefreshSent(const QString &refreshToken) const
{
    if (refreshToken.isEmpty())
        return false;
    QSettings settings;
    settings.sync(); // another process may have set it since this one last read the file
    return settings.value(key("refreshSent")).toString() == shortFingerprint(refreshToken);
}
