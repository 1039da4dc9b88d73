#include "loginprofile.h"

#include "privatefiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace {

const QString &markerName()
{
    static const QString name = QStringLiteral(".procore-login-profile");
    return name;
}

const QString &tombstoneInfix()
{
    static const QString infix = QStringLiteral(".wipe-");
    return infix;
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString dataRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

} // namespace

namespace LoginProfile {

QString defaultDir(const QString &environmentKey)
{
    const QByteArray key =
        QCryptographicHash::hash(environmentKey.toUtf8(), QCryptographicHash::Sha256).toHex();
    return dataRoot() + QStringLiteral("/login-profiles/") + QString::fromLatin1(key.left(16));
}

QString legacyDir()
{
    return dataRoot() + QStringLiteral("/login-profile");
}

bool prepare(const QString &dir, QString *error)
{
    if (dir.isEmpty() || !QDir::isAbsolutePath(dir)) {
        setError(error, QStringLiteral("profile folder must be an absolute path"));
        return false;
    }
    const QFileInfo info(dir);
    if (info.exists() && !info.isDir()) {
        setError(error, QStringLiteral("profile path exists and is not a folder"));
        return false;
    }
    // Only an empty new folder or one we marked before becomes a profile: never someone's
    // existing folder, which clear() would later delete.
    if (info.exists() && !isProfileDir(dir) && !QDir(dir).isEmpty()) {
        setError(error, QStringLiteral("profile folder is not empty and not ours"));
        return false;
    }
    // Cookies here sign the user in to Procore: keep them from other local users.
    if (!PrivateFiles::makeDir(dir)) {
        setError(error, QStringLiteral("cannot create the profile folder"));
        return false;
    }
    QFile marker(QDir(dir).filePath(markerName()));
    if (!marker.exists()) {
        if (!marker.open(QIODevice::WriteOnly)) {
            setError(error, QStringLiteral("cannot write to the profile folder"));
            return false;
        }
        marker.write("Procore Desktop sign-in browser profile; deleted at sign-out.\n");
    }
    return true;
}

bool isProfileDir(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo(QDir(dir).filePath(markerName())).isFile();
}

bool clear(const QString &dir, QString *error)
{
    if (dir.isEmpty() || !QDir::isAbsolutePath(dir)) {
        setError(error, QStringLiteral("profile folder must be an absolute path"));
        return false;
    }
    const QStringList left = finishWipes(dir);
    if (!QFileInfo::exists(dir)) {
        if (left.isEmpty())
            return true;
        setError(error, QStringLiteral("could not delete every file of an earlier profile"));
        return false;
    }
    if (!isProfileDir(dir)) {
        setError(error, QStringLiteral("folder is not a sign-in profile; left alone"));
        return false;
    }
    const QString tombstone =
        dir + tombstoneInfix() + QString::number(QRandomGenerator::global()->generate(), 16);
    if (!QDir().rename(dir, tombstone)) {
        setError(error, QStringLiteral("the profile folder is in use and cannot be moved"));
        return false;
    }
    if (!QDir(tombstone).removeRecursively()) {
        setError(error, QStringLiteral("could not delete every file of the profile; the rest "
                                       "goes at the next start"));
        return false;
    }
    return true;
}

QStringList finishWipes(const QString &dir)
{
    const QFileInfo info(dir);
    QDir parent = info.absoluteDir();
    if (info.fileName().isEmpty() || !parent.exists())
        return {};
    QStringList left;
    const QStringList tombstones = parent.entryList({info.fileName() + tombstoneInfix() + u'*'},
                                                    QDir::Dirs | QDir::Hidden | QDir::System);
    for (const QString &name : tombstones) {
        const QString path = parent.filePath(name);
        // Owner-only folders inside may have lost their write bit; give it back first.
        QFile::setPermissions(path, QFile::permissions(path) | QFile::WriteOwner | QFile::ExeOwner |
                                        QFile::ReadOwner);
        if (!QDir(path).removeRecursively())
            left << path;
    }
    return left;
}

} // namespace LoginProfile
