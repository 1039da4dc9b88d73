// procore-desktop-login: the sign-in window of Procore Desktop, a separate process so the
// main app never loads WebEngine (see ui/login/README.md). Protocol: one JSON request line
// on stdin, one JSON reply line on stdout (loginrequest.h, loginreply.h).
#include "common/appinfo.h"
#include "common/translations.h"
#include "login/loginhelper.h"
#include "login/stdinwatcher.h"
#include "signin/loginreply.h"
#include "signin/loginrequest.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QNetworkProxyFactory>

#ifdef Q_OS_WIN
#include <cstdio>
#include <fcntl.h>
#include <io.h>
#endif

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
#ifdef Q_OS_WIN
    // The protocol is bytes, as on Linux and macOS: no "\r\n" for "\n" on stdout, no Ctrl-Z
    // taken for the end of stdin (the C runtime's text mode does both).
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
#endif

    // The request comes first, before Chromium or GL start, so bad input fails fast.
    QByteArray line;
    QString error;
    if (!StdinWatcher::readLine(LoginRequest::maxLineSize, &line, &error)) {
        LoginHelper::writeReply(LoginReply::error(error));
        return LoginReply::error({}).exitCode();
    }
    const LoginRequest request = LoginRequest::fromJsonLine(line, &error);
    if (!error.isEmpty()) {
        LoginHelper::writeReply(
            LoginReply::error(QStringLiteral("invalid request: %1").arg(error)));
        return LoginReply::error({}).exitCode();
    }

    // WebEngine needs this before QApplication exists. The Chromium sandbox stays on: only
    // test harnesses running as root set QTWEBENGINE_DISABLE_SANDBOX=1.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    // The same proxy as the main process: with this flag QtWebEngine lets Chromium read the
    // system's settings (http_proxy/https_proxy/no_proxy on Linux) instead of going direct.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QApplication app(argc, argv);
    QApplication::setApplicationName(AppInfo::executableName());
    QApplication::setApplicationDisplayName(AppInfo::name());
    QApplication::setApplicationVersion(AppInfo::version());
    // Same desktop entry as the main window, so the task bar groups them as one app.
    QGuiApplication::setDesktopFileName(AppInfo::desktopId());
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/procore-desktop-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(QIcon::fromTheme(AppInfo::desktopId(), icon));
    // Closing the window is answered as "cancelled" by the helper, which then quits.
    QApplication::setQuitOnLastWindowClosed(false);
    Translations::install(request.language.isEmpty() ? Translations::available().constFirst()
                                                     : request.language);

    LoginHelper helper(request, sinceStart);
    helper.show();
    return QApplication::exec();
}
