#include "projectshortlists.h"

#include <QSettings>
#include <QStringList>

namespace {
const QString favouritesKey = QStringLiteral("favourites");
const QString recentKey = QStringLiteral("recent");
// Settings files are edited by hand and synced between machines: a list longer than this is
// not ours, and reading it is capped rather than trusted.
constexpr int maxStored = 500;
} // namespace

ProjectShortlists::ProjectShortlists(QObject *parent)
    : QObject(parent)
{}

QString ProjectShortlists::group(const QString &environmentKey, qint64 userId) const
{
    // The environment key can hold '/' (an API URL); QSettings would read that as groups.
    // Concatenated, not arg()-chained: the encoded key's "%3A" would be taken for a marker.
    return QStringLiteral("shortlists/") +
           QString::fromLatin1(environmentKey.toUtf8().toPercentEncoding()) + u'/' +
           QString::number(userId);
}

QString ProjectShortlists::key(const QString &name) const
{
    return group(m_environment, m_userId) + u'/' + QString::number(m_companyId) + u'/' + name;
}

void ProjectShortlists::setScope(const QString &environmentKey, qint64 userId, qint64 companyId)
{
    if (environmentKey == m_environment && userId == m_userId && companyId == m_companyId)
        return;
    m_environment = environmentKey;
    m_userId = userId;
    m_companyId = companyId;
    m_favourites = hasScope() ? read(favouritesKey) : QList<qint64>();
    m_recent = hasScope() ? read(recentKey).mid(0, recentLimit) : QList<qint64>();
    emit changed();
}

QList<qint64> ProjectShortlists::read(const QString &name) const
{
    const QStringList stored = QSettings().value(key(name)).toStringList();
    QList<qint64> ids;
    for (const QString &text : stored.mid(0, maxStored)) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (ok && id > 0 && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void ProjectShortlists::write(const QString &name, const QList<qint64> &ids) const
{
    QStringList texts;
    for (qint64 id : ids)
        texts.append(QString::number(id));
    QSettings().setValue(key(name), texts);
}

void ProjectShortlists::setFavourite(qint64 projectId, bool favourite)
{
    if (!hasScope() || projectId <= 0 || isFavourite(projectId) == favourite)
        return;
    if (favourite)
        m_favourites.append(projectId);
    else
        m_favourites.removeAll(projectId);
    write(favouritesKey, m_favourites);
    emit changed();
}

void ProjectShortlists::toggleFavourite(qint64 projectId)
{
    setFavourite(projectId, !isFavourite(projectId));
}

void ProjectShortlists::noteOpened(qint64 projectId)
{
    if (!hasScope() || projectId <= 0 || (!m_recent.isEmpty() && m_recent.front() == projectId))
        return;
    m_recent.removeAll(projectId);
    m_recent.prepend(projectId);
    if (m_recent.size() > recentLimit)
        m_recent.resize(recentLimit);
    write(recentKey, m_recent);
    emit changed();
}

void ProjectShortlists::forgetUser(const QString &environmentKey, qint64 userId)
{
    if (userId <= 0)
        return;
    QSettings().remove(group(environmentKey, userId));
    if (environmentKey == m_environment && userId == m_userId) {
        m_favourites.clear();
        m_recent.clear();
        emit changed();
    }
}
