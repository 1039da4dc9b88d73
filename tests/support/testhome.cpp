#include "testhome.h"

#include <QCoreApplication>
#include <QFile>

namespace TestHome {

void use(const QString &home)
{
    const QByteArray path = QFile::encodeName(home);
    qputenv("HOME", path);
    qputenv("XDG_CONFIG_HOME", path + "/.config");
    qputenv("XDG_DATA_HOME", path + "/.local/share");
    qputenv("XDG_CACHE_HOME", path + "/.cache");
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
}

} // namespace TestHome
