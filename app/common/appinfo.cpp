#include "appinfo.h"

#include <QSysInfo>
#include <QtGlobal>

namespace AppInfo {

QString name()
{
    return QStringLiteral("Procore Desktop");
}
QString executableName()
{
    return QStringLiteral("procore-desktop");
}
QString version()
{
    return QStringLiteral(PROCORE_APP_VERSION);
}

QByteArray userAgent()
{
    return QByteArrayLiteral("ProcoreDesktop/") + QByteArrayLiteral(PROCORE_APP_VERSION) + " (" +
           QSysInfo::productType().toUtf8() + "; Qt " + qVersion() + ")";
}

QString defaultClientId()
{
    return QStringLiteral(PROCORE_DEFAULT_CLIENT_ID);
}
QString defaultClientSecret()
{
    return QStringLiteral(PROCORE_DEFAULT_CLIENT_SECRET);
}
QString defaultRedirectUri()
{
    return QStringLiteral(PROCORE_DEFAULT_REDIRECT_URI);
}
QString desktopId()
{
    return QStringLiteral(PROCORE_APP_ID);
}

QString defaultEnvironment()
{
    return QStringLiteral(PROCORE_DEFAULT_ENVIRONMENT);
}

} // namespace AppInfo
