#include "projectcache.h"

#include "common/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

namespace {

const QLatin1String Format("procore-desktop-project-cache");
constexpr int Version = 1;
// A cache larger than this is not ours (20,000 projects take about 15 MB).
constexpr qint64 MaxFileSize = 512ll * 1024 * 1024;

} // namespace

ProjectCache::ProjectCache(const QString &directory)
    : m_file(directory.isEmpty() ? defaultDirectory() : directory, Format, Version, MaxFileSize,
             "project")
{}

QString ProjectCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/project-cache");
}

QString ProjectCache::filePath(const QString &environment, qint64 companyId, Kind kind) const
{
    return m_file.directory() +
           QStringLiteral("/%1-%2-%3.json")
               .arg(kind == Kind::List ? QLatin1String("projects") : QLatin1String("details"),
                    CacheFile::environmentKey(environment))
               .arg(companyId);
}

bool ProjectCache::save(const QString &environment, qint64 companyId, const QString &companyName,
                        const QList<Project> &projects, const QDateTime &syncedAt, QString *error,
                        Kind kind) const
{
    QJsonArray list;
    for (const Project &project : projects)
        list.append(project.toJson());
    const QString path = filePath(environment, companyId, kind);
    if (!m_file.write(path, environment,
                      {{QStringLiteral("companyId"), companyId},
                       {QStringLiteral("companyName"), companyName},
                       {QStringLiteral("syncedAt"), syncedAt.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("projects"), list}},
                      error))
        return false;
    qCDebug(lcModel) << "project cache: saved" << projects.size() << "projects to" << path;
    return true;
}

std::optional<ProjectCache::Entry> ProjectCache::load(const QString &environment, qint64 companyId,
                                                      Kind kind) const
{
    const QString path = filePath(environment, companyId, kind);
    const std::optional<QJsonObject> root = m_file.read(path, environment);
    if (!root)
        return std::nullopt;
    auto ignore = [&](const QString &why) {
        m_file.ignore(path, why);
        return std::nullopt;
    };
    if (root->value(QLatin1String("companyId")).toInteger() != companyId)
        return ignore(QStringLiteral("written for another environment or company"));
    const QDateTime syncedAt =
        QDateTime::fromString(root->value(QLatin1String("syncedAt")).toString(), Qt::ISODateWithMs);
    if (!syncedAt.isValid())
        return ignore(QStringLiteral("no sync time"));
    const QJsonValue list = root->value(QLatin1String("projects"));
    if (!list.isArray())
        return ignore(QStringLiteral("no project list"));
    QString why;
    auto projects = Project::listFromJson(list.toArray(), &why);
    if (!projects)
        return ignore(why);
    Entry entry;
    entry.projects = std::move(*projects);
    entry.syncedAt = syncedAt.toUTC();
    entry.companyName = root->value(QLatin1String("companyName")).toString();
    return entry;
}

bool ProjectCache::remove(const QString &environment, qint64 companyId) const
{
    bool ok = true;
    for (const Kind kind : {Kind::List, Kind::Details}) {
        const QString path = filePath(environment, companyId, kind);
        ok = (!QFile::exists(path) || QFile::remove(path)) && ok;
    }
    return ok;
}

bool ProjectCache::clearAll() const
{
    return m_file.removeAll({QStringLiteral("projects-*.json"), QStringLiteral("details-*.json")});
}
