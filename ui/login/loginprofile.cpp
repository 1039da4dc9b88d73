#include "loginprofile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

const QString &markerName()
{
    static const QString name = QStringLiteral(".procore-login-profile");
    return name;
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace

namespace LoginProfile {

QString defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/login-profile");
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
    if (!QDir().mkpath(dir)) {
        setError(error, QStringLiteral("cannot create the profile folder"));
        return false;
    }
    // Cookies here sign the user in to Procore: keep them from other local users.
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
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
    if (!QFileInfo::exists(dir))
        return true;
    if (!isProfileDir(dir)) {
        setError(error, QStringLiteral("folder is not a sign-in profile; left alone"));
        return false;
    }
    if (!QDir(dir).removeRecursively()) {
        setError(error, QStringLiteral("could not delete every file of the profile"));
        return false;
    }
    return true;
}

} // namespace LoginProfile
