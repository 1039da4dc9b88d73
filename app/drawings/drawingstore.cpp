#include "drawingstore.h"

#include "common/logging.h"
#include "common/utc.h"
#include "storage/privatefiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace {

constexpr int FormatVersion = 1;
const QString IndexName = QStringLiteral("sheets.json");

QString idText(qint64 id)
{
    return QString::number(id);
}

QJsonObject toJson(const StoredSheet &s)
{
    return {{QStringLiteral("drawing"), idText(s.drawingId)},
            {QStringLiteral("area"), idText(s.areaId)},
            {QStringLiteral("number"), s.number},
            {QStringLiteral("title"), s.title},
            {QStringLiteral("discipline"), s.discipline},
            {QStringLiteral("revision"), idText(s.revisionId)},
            {QStringLiteral("revisionNumber"), s.revisionNumber},
            {QStringLiteral("updatedAt"), s.updatedAt.toString(Qt::ISODate)},
            {QStringLiteral("size"), idText(s.size)},
            {QStringLiteral("md5"), QString::fromLatin1(s.md5)},
            {QStringLiteral("lastViewed"), s.lastViewed.toString(Qt::ISODate)}};
}

std::optional<StoredSheet> sheetFromJson(const QJsonObject &o)
{
    StoredSheet s;
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    s.drawingId = o.value(u"drawing").toString().toLongLong(&ok1);
    s.areaId = o.value(u"area").toString().toLongLong(&ok2);
    s.revisionId = o.value(u"revision").toString().toLongLong(&ok3);
    s.size = o.value(u"size").toString().toLongLong(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || s.drawingId <= 0 || s.revisionId <= 0 || s.size < 0)
        return std::nullopt;
    s.number = o.value(u"number").toString();
    s.title = o.value(u"title").toString();
    s.discipline = o.value(u"discipline").toString();
    s.revisionNumber = o.value(u"revisionNumber").toString();
    s.updatedAt = QDateTime::fromString(o.value(u"updatedAt").toString(), Qt::ISODate);
    s.md5 = o.value(u"md5").toString().toLatin1();
    s.lastViewed = QDateTime::fromString(o.value(u"lastViewed").toString(), Qt::ISODate);
    return s;
}

QList<qint64> numberedDirs(const QString &path)
{
    QList<qint64> ids;
    for (const QString &name : QDir(path).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 id = name.toLongLong(&ok);
        if (ok && id > 0)
            ids.append(id);
    }
    return ids;
}

qint64 sizeOf(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() ? info.size() : -1;
}

} // namespace

DrawingStore::DrawingStore(const QString &root)
    : m_root(root.isEmpty() ? defaultRoot() : root)
{}

QString DrawingStore::defaultRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/drawings");
}

QString DrawingStore::projectDir(const Key &key) const
{
    // The environment may be a URL: hashed into a safe folder name.
    const QByteArray env =
        QCryptographicHash::hash(key.environment.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("%1/%2/%3/%4/%5")
        .arg(m_root, QString::fromLatin1(env.left(16)), idText(key.userId), idText(key.companyId),
             idText(key.projectId));
}

QString DrawingStore::fileName(qint64 drawingId, qint64 revisionId)
{
    return QStringLiteral("%1-%2.pdf").arg(drawingId).arg(revisionId);
}

QString DrawingStore::sheetPath(const Key &key, const StoredSheet &sheet) const
{
    const QString path = projectDir(key) + u'/' + fileName(sheet.drawingId, sheet.revisionId);
    return sizeOf(path) == sheet.size ? path : QString();
}

std::optional<StoredProject> DrawingStore::load(const Key &key) const
{
    QFile file(projectDir(key) + u'/' + IndexName);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject root = QJsonDocument::fromJson(file.read(64 * 1024 * 1024)).object();
    if (root.value(u"version").toInt() != FormatVersion ||
        root.value(u"project").toString() != idText(key.projectId)) {
        qCWarning(lcModel) << "drawings: ignoring unreadable index" << file.fileName();
        return std::nullopt;
    }
    StoredProject project;
    project.projectName = root.value(u"projectName").toString();
    project.syncedAt = QDateTime::fromString(root.value(u"syncedAt").toString(), Qt::ISODate);
    for (const QJsonValue &value : root.value(u"areas").toArray()) {
        const qint64 id = value.toObject().value(u"id").toString().toLongLong();
        if (id > 0)
            project.areas.append({id, value.toObject().value(u"name").toString()});
    }
    for (const QJsonValue &value : root.value(u"sheets").toArray()) {
        if (const auto sheet = sheetFromJson(value.toObject()))
            project.sheets.append(*sheet);
    }
    return project;
}

bool DrawingStore::save(const Key &key, const StoredProject &project, QString *error) const
{
    const QString dir = projectDir(key);
    if (!PrivateFiles::makeDir(dir)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    QJsonArray areas, sheets;
    for (const DrawingArea &area : project.areas)
        areas.append(QJsonObject{{QStringLiteral("id"), idText(area.id)},
                                 {QStringLiteral("name"), area.name}});
    for (const StoredSheet &sheet : project.sheets)
        sheets.append(toJson(sheet));
    const QJsonObject root{{QStringLiteral("version"), FormatVersion},
                           {QStringLiteral("project"), idText(key.projectId)},
                           {QStringLiteral("projectName"), project.projectName},
                           {QStringLiteral("syncedAt"), project.syncedAt.toString(Qt::ISODate)},
                           {QStringLiteral("areas"), areas},
                           {QStringLiteral("sheets"), sheets}};
    QSaveFile file(dir + u'/' + IndexName);
    if (!file.open(QIODevice::WriteOnly) || !PrivateFiles::restrict(file) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QList<qint64> DrawingStore::keptProjects(const Key &companyKey) const
{
    Key key = companyKey;
    key.projectId = 0;
    const QString companyDir = QFileInfo(projectDir(key)).path();
    QList<qint64> ids;
    for (const qint64 id : numberedDirs(companyDir)) {
        if (QFileInfo::exists(QStringLiteral("%1/%2/").arg(companyDir).arg(id) + IndexName))
            ids.append(id);
    }
    return ids;
}

QList<qint64> DrawingStore::users(const QString &environment) const
{
    // projectDir() of user 0 is <root>/<env>/0/0/0: three levels up is the environment's folder.
    const QString envDir =
        QFileInfo(QFileInfo(QFileInfo(projectDir({environment, 0, 0, 0})).path()).path()).path();
    return numberedDirs(envDir);
}

QList<qint64> DrawingStore::companiesHolding(const QString &environment, qint64 userId,
                                             qint64 projectId) const
{
    QList<qint64> companies;
    const QString userDir =
        QFileInfo(QFileInfo(projectDir({environment, userId, 0, 0})).path()).path();
    for (const qint64 company : numberedDirs(userDir)) {
        if (load({environment, userId, company, projectId}))
            companies.append(company);
    }
    return companies;
}

bool DrawingStore::removeProject(const Key &key) const
{
    QDir dir(projectDir(key));
    return !dir.exists() || dir.removeRecursively();
}

void DrawingStore::removeStrays(const Key &key, const StoredProject &project) const
{
    QSet<QString> keep;
    for (const StoredSheet &sheet : project.sheets)
        keep.insert(fileName(sheet.drawingId, sheet.revisionId));
    QDir dir(projectDir(key));
    for (const QString &name :
         dir.entryList({QStringLiteral("*.pdf"), QStringLiteral("*.part")}, QDir::Files)) {
        if (!keep.contains(name) && !name.endsWith(u".part"))
            dir.remove(name);
    }
}

void DrawingStore::markViewed(const Key &key, qint64 drawingId, const QDateTime &when) const
{
    std::optional<StoredProject> project = load(key);
    if (!project)
        return;
    for (StoredSheet &sheet : project->sheets) {
        if (sheet.drawingId == drawingId)
            sheet.lastViewed = when.toUTC();
    }
    save(key, *project);
}

qint64 DrawingStore::totalBytes() const
{
    qint64 total = 0;
    QDirIterator it(m_root, {QStringLiteral("*.pdf"), QStringLiteral("*.part")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

int DrawingStore::evictTo(qint64 limitBytes, const Key &last) const
{
    qint64 total = totalBytes();
    if (total <= limitBytes)
        return 0;
    struct Candidate
    {
        QString indexPath;
        qint64 drawingId;
        QDateTime used;
        bool spared;
    };
    QList<Candidate> candidates;
    const QString lastIndex = projectDir(last) + u'/' + IndexName;
    QDirIterator it(m_root, {IndexName}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString indexPath = it.next();
        QFile file(indexPath);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QDateTime synced =
            QDateTime::fromString(root.value(u"syncedAt").toString(), Qt::ISODate);
        for (const QJsonValue &value : root.value(u"sheets").toArray()) {
            const auto sheet = sheetFromJson(value.toObject());
            if (sheet)
                candidates.append({indexPath, sheet->drawingId,
                                   sheet->lastViewed.isValid() ? sheet->lastViewed : synced,
                                   indexPath == lastIndex});
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto &a, const auto &b) {
        return a.spared != b.spared ? !a.spared : a.used < b.used;
    });
    // Per index: which sheets go. Then each index is rewritten once without them.
    QHash<QString, QSet<qint64>> going;
    int evicted = 0;
    for (const Candidate &c : std::as_const(candidates)) {
        if (total <= limitBytes)
            break;
        const QString dir = QFileInfo(c.indexPath).path();
        const QStringList files =
            QDir(dir).entryList({QStringLiteral("%1-*.pdf").arg(c.drawingId)}, QDir::Files);
        for (const QString &name : files) {
            total -= sizeOf(dir + u'/' + name);
            QFile::remove(dir + u'/' + name);
        }
        going[c.indexPath].insert(c.drawingId);
        ++evicted;
    }
    for (auto g = going.cbegin(); g != going.cend(); ++g) {
        QFile file(g.key());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray kept;
        for (const QJsonValue &value : root.value(u"sheets").toArray()) {
            const auto sheet = sheetFromJson(value.toObject());
            if (sheet && !g.value().contains(sheet->drawingId))
                kept.append(value);
        }
        root.insert(QStringLiteral("sheets"), kept);
        QSaveFile out(g.key());
        if (out.open(QIODevice::WriteOnly) && PrivateFiles::restrict(out)) {
            out.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
            out.commit();
        }
    }
    qCInfo(lcModel) << "drawings: evicted" << evicted << "sheets to stay within" << limitBytes
                    << "bytes";
    return evicted;
}

bool DrawingStore::clearAll() const
{
    QDir dir(m_root);
    return !dir.exists() || dir.removeRecursively();
}
