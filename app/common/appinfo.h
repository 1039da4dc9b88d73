#pragma once

#include <QByteArray>
#include <QString>

// Facts fixed when the app is built (CMake cache options in cmake/ProcoreClientDefaults.cmake).
namespace AppInfo {
QString name();           // "Procore Desktop"
QString executableName(); // "procore-desktop"
// The desktop entry's name (installer/cmake/ProcoreAppIdentity.cmake): the window and the
// sign-in helper both claim it, so the task bar shows them as one app with its icon.
QString desktopId();    // "io.github.procoredesktop.ProcoreDesktop"
QString version();      // project version
QByteArray userAgent(); // "ProcoreDesktop/0.1.0 (Linux; Qt 6.4.2)"
QString defaultClientId();
QString defaultClientSecret();
QString defaultRedirectUri();
QString defaultEnvironment();
} // namespace AppInfo
