#include "cachefile.h"

#include "common/logging.h"
#include "privatefiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

CacheFile::CacheFile(const QString &directory, const QString &format, int version, qint64 maxSize,
                     const char *what)
    : m_directory(directory)
    , m_format(format)
    , m_version(version)
    , m_maxSize(maxSize)
    , m_what(what)
{}

QString CacheFile::environmentKey(const QString &environment)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(environment.toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(16));
}

bool CacheFile::write(const QString &path, const QString &environment, QJsonObject root,
                      QString *error) const
{
    root.insert(QStringLiteral("format"), m_format);
    root.insert(QStringLiteral("version"), m_version);
    root.insert(QStringLiteral("environment"), environment);
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        qCWarning(lcModel).noquote() << m_what << "cache: cannot write" << path << "-" << why;
        return false;
    };
    if (!PrivateFiles::makeDir(m_directory))
        return fail(QStringLiteral("cannot create %1").arg(m_directory));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !PrivateFiles::restrict(file) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        return fail(file.errorString());
    return true;
}

std::optional<QJsonObject> CacheFile::read(const QString &path, const QString &environment) const
{
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    const auto ignored = [&](const QString &why) {
        ignore(path, why);
        return std::nullopt;
    };
    if (file.size() > m_maxSize)
        return ignored(QStringLiteral("too large"));
    if (!file.open(QIODevice::ReadOnly))
        return ignored(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return ignored(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != m_format ||
        root.value(QLatin1String("version")).toInt() != m_version)
        return ignored(QStringLiteral("unknown format or version"));
    if (root.value(QLatin1String("environment")).toString() != environment)
        return ignored(QStringLiteral("written for another environment"));
    return root;
}

void CacheFile::ignore(const QString &path, const QString &why) const
{
    qCWarning(lcModel).noquote() << m_what << "cache: ignoring" << path << "-" << why;
}

bool CacheFile::removeAll(const QStringList &patterns) const
{
    QDir dir(m_directory);
    if (!dir.exists())
        return true;
    QStringList withLeftovers;
    for (const QString &pattern : patterns)
        withLeftovers << pattern << pattern + QStringLiteral(".*");
    bool ok = true;
    const QStringList files = dir.entryList(withLeftovers, QDir::Files);
    for (const QString &name : files)
        ok = dir.remove(name) && ok;
    if (!ok)
        qCWarning(lcModel) << m_what << "cache: could not remove every file in" << m_directory;
    return ok;
}
