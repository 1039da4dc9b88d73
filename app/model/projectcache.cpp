#include "projectcache.h"

#include "common/logging.h"
#include "storage/privatefiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

const QLatin1String Format("procore-desktop-project-cache");
constexpr int Version = 1;
// A cache larger than this is not ours (20,000 projects take about 15 MB).
constexpr qint64 MaxFileSize = 512ll * 1024 * 1024;

} // namespace

ProjectCache::ProjectCache(const QString &directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{}

QString ProjectCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/project-cache");
}

QString ProjectCache::filePath(const QString &environment, qint64 companyId, Kind kind) const
{
    // The environment may be a URL: hash it into a safe file name.
    const QByteArray env =
        QCryptographicHash::hash(environment.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return m_directory +
           QStringLiteral("/%1-%2-%3.json")
               .arg(kind == Kind::List ? QLatin1String("projects") : QLatin1String("details"),
                    QString::fromLatin1(env))
               .arg(companyId);
}

bool ProjectCache::save(const QString &environment, qint64 companyId, const QString &companyName,
                        const QList<Project> &projects, const QDateTime &syncedAt, QString *error,
                        Kind kind) const
{
    QJsonArray list;
    for (const Project &project : projects)
        list.append(project.toJson());
    const QJsonObject root{
        {QStringLiteral("format"), Format},
        {QStringLiteral("version"), Version},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("companyId"), companyId},
        {QStringLiteral("companyName"), companyName},
        {QStringLiteral("syncedAt"), syncedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("projects"), list},
    };
    if (!PrivateFiles::makeDir(m_directory)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_directory);
        qCWarning(lcModel) << "project cache: cannot create" << m_directory;
        return false;
    }
    QSaveFile file(filePath(environment, companyId, kind));
    if (!file.open(QIODevice::WriteOnly) || !PrivateFiles::restrict(file) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        qCWarning(lcModel) << "project cache: cannot write" << file.fileName()
                           << file.errorString();
        return false;
    }
    qCDebug(lcModel) << "project cache: saved" << projects.size() << "projects to"
                     << file.fileName();
    return true;
}

std::optional<ProjectCache::Entry> ProjectCache::load(const QString &environment, qint64 companyId,
                                                      Kind kind) const
{
    QFile file(filePath(environment, companyId, kind));
    if (!file.exists())
        return std::nullopt;
    auto ignore = [&file](const QString &why) {
        qCWarning(lcModel).noquote() << "project cache: ignoring" << file.fileName() << "-" << why;
        return std::nullopt;
    };
    if (file.size() > MaxFileSize)
        return ignore(QStringLiteral("too large"));
    if (!file.open(QIODevice::ReadOnly))
        return ignore(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return ignore(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != Format ||
        root.value(QLatin1String("version")).toInt() != Version)
        return ignore(QStringLiteral("unknown format or version"));
    if (root.value(QLatin1String("environment")).toString() != environment ||
        root.value(QLatin1String("companyId")).toInteger() != companyId)
        return ignore(QStringLiteral("written for another environment or company"));
    const QDateTime syncedAt =
        QDateTime::fromString(root.value(QLatin1String("syncedAt")).toString(), Qt::ISODateWithMs);
    if (!syncedAt.isValid())
        return ignore(QStringLiteral("no sync time"));
    const QJsonValue list = root.value(QLatin1String("projects"));
    if (!list.isArray())
        return ignore(QStringLiteral("no project list"));
    QString why;
    auto projects = Project::listFromJson(list.toArray(), &why);
    if (!projects)
        return ignore(why);
    Entry entry;
    entry.projects = std::move(*projects);
    entry.syncedAt = syncedAt.toUTC();
    entry.companyName = root.value(QLatin1String("companyName")).toString();
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
    QDir dir(m_directory);
    if (!dir.exists())
        return true;
    bool ok = true;
    // With QSaveFile's leftovers from an interrupted write (*.json.*).
    const QStringList files =
        dir.entryList({QStringLiteral("projects-*.json"), QStringLiteral("projects-*.json.*"),
                       QStringLiteral("details-*.json"), QStringLiteral("details-*.json.*")},
                      QDir::Files);
    for (const QString &name : files)
        ok = dir.remove(name) && ok;
    if (!ok)
        qCWarning(lcModel) << "project cache: could not remove every file in" << m_directory;
    return ok;
}
