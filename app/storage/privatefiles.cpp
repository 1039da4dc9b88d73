#include "privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace {
constexpr QFileDevice::Permissions fileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions dirMode =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
} // namespace

namespace PrivateFiles {

bool makeDir(const QString &dir)
{
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return false;
    return QFile::setPermissions(dir, dirMode);
}

bool restrict(QFileDevice &file)
{
    return file.setPermissions(fileMode);
}

bool restrictPath(const QString &path)
{
    return QFile::setPermissions(path, fileMode);
}

bool restrictSettings()
{
    const QString path = QSettings().fileName();
    if (!QDir::isAbsolutePath(path)) // the Windows registry: per-user already
        return true;
    if (!makeDir(QFileInfo(path).absolutePath()))
        return false;
    if (!QFileInfo::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return QFileInfo::exists(path) && restrictPath(path); // written meanwhile
        restrict(file);
    }
    return restrictPath(path);
}

} // namespace PrivateFiles
