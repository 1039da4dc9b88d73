#include "api/systemproxy.h"
#include "auth/keychaintokenstore.h"
#include "cli/clirunner.h"
#include "cli/commandline.h"
#include "common/appinfo.h"
#include "common/logging.h"
#include "common/translations.h"
#include "config/configresolver.h"
#include "links/singleinstance.h"
#include "main/fileopenfilter.h"
#include "main/mainwindow.h"
#include "main/proxyauthprompt.h"
#include "main/windowhost.h"
#include "session/session.h"
#include "storage/privatefiles.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#ifdef Q_OS_WIN
#include <qt_windows.h>
#endif

namespace {
constexpr int usageError = 64;  // EX_USAGE
constexpr int configError = 78; // EX_CONFIG

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("procoredesktop.github.io"));
    QCoreApplication::setApplicationName(AppInfo::executableName());
    QCoreApplication::setApplicationVersion(AppInfo::version());
    // The settings name the user's ID and company: owner-only, before anything writes them.
    PrivateFiles::restrictSettings();
}

void useLanguage(const CommandLine &command)
{
    Translations::install(Translations::choose(
        command.language, QSettings().value(Translations::settingsKey()).toString(),
        QLocale::system()));
}

// --help and a refused command line speak the user's language too: the texts come from the
// parser, which needs the translators installed first, and those need an application.
int printUsage(int argc, char **argv, const QStringList &arguments)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    QString parseError;
    CommandLine command = CommandLine::parse(arguments, &parseError);
    useLanguage(command);
    command = CommandLine::parse(arguments, &parseError);
    if (!parseError.isEmpty()) {
        QTextStream(stderr) << parseError << "\n\n" << command.helpText;
        return usageError;
    }
    QTextStream(stdout) << command.helpText;
    return 0;
}

ConfigResolver::Result resolveConfig(const CommandLine &command)
{
    QSettings settings;
    ConfigResolver::Overrides raw;
    raw.environment = command.environment;
    raw.loginUrl = command.loginUrl;
    raw.apiUrl = command.apiUrl;
    return ConfigResolver(&settings).resolve(raw);
}

int runTerminal(int argc, char **argv, const CommandLine &command)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    useLanguage(command);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto config = resolveConfig(command);
    if (config.error) {
        err << config.error.message << Qt::endl;
        return configError;
    }
    KeychainTokenStore store;
    QNetworkAccessManager network;
    // No prompt here: a proxy wanting credentials ends with a message saying where to put them.
    SystemProxy::apply(&network);
    CliRunner runner(config.environment, config.client, &store, &network, out, err);
    QObject::connect(&runner, &CliRunner::finished, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    switch (command.action) {
    case CommandLine::Action::ListProjects:
        runner.listProjects(command.companyId, command.json);
        break;
    case CommandLine::Action::SyncDrawings:
        runner.syncDrawings(command.link.projectId, command.companyId);
        break;
    case CommandLine::Action::ListDrawings:
        runner.listDrawings(command.link.projectId, command.companyId, command.json);
        break;
    case CommandLine::Action::SignIn:
        runner.signIn();
        break;
    default:
        runner.signOut();
        break;
    }
    return app.exec();
}

int runWindow(int argc, char **argv, const CommandLine &command, const QStringList &arguments)
{
#ifdef Q_OS_WIN
    // procore-desktop is a console program so that its terminal mode works in cmd.exe. Started
    // from the Start menu or a link, Windows gives it a console of its own, which would stay
    // open beside the window: let go of a console no other process shares (one started from a
    // terminal keeps it). The sign-in helper then starts without a console too (QProcess adds
    // CREATE_NO_WINDOW when the parent has none).
    DWORD consoleProcesses[2];
    if (GetConsoleProcessList(consoleProcesses, 2) == 1)
        FreeConsole();
#endif
    QApplication app(argc, argv);
    setIdentity();
    useLanguage(command);
    QGuiApplication::setDesktopFileName(AppInfo::desktopId());
    QIcon icon;
    for (const int size : {16, 32, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/procore-desktop-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    const auto config = resolveConfig(command);
    if (config.error) {
        QMessageBox box(QMessageBox::Critical, AppInfo::name(), config.error.message);
        box.setTextFormat(Qt::PlainText); // quotes the settings it refused
        box.exec();
        return configError;
    }

    SingleInstance instance(SingleInstance::defaultServerName(config.environment.key()));
    switch (instance.start(arguments)) {
    case SingleInstance::Role::Forwarded:
        return 0; // the running window took the arguments and came to the front
    case SingleInstance::Role::Failed:
        QTextStream(stderr) << instance.errorString() << Qt::endl;
        break;
    case SingleInstance::Role::Primary:
        break;
    }

    KeychainTokenStore store;
    QNetworkAccessManager network;
    SystemProxy::apply(&network);
    Session session(config.environment, config.client, &store, &network);
    ProxyAuthPrompt proxyPrompt(&network, &session);
    // Started before the window is built, so the keychain read overlaps its construction and a
    // cached list is on screen in the first paint.
    session.start();
    WindowHost host(&session);
    proxyPrompt.setWindow(host.window());
    QObject::connect(&host, &WindowHost::windowReplaced, &proxyPrompt, &ProxyAuthPrompt::setWindow);
    const auto window = [&host] {
        return host.window();
    };
    // Parsed here, once; the window only follows the link.
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &app,
                     [window](const QStringList &arguments) {
                         qCInfo(lcUi) << "arguments from another launch:" << arguments.size();
                         window()->followLink(CommandLine::forwardedLink(arguments));
                     });
    FileOpenFilter fileOpen;
    app.installEventFilter(&fileOpen);
    QObject::connect(&fileOpen, &FileOpenFilter::urlOpened, &app, [window](const QUrl &url) {
        window()->followLink(DeepLink::fromUrl(url.toString(QUrl::FullyEncoded)));
    });

    if (command.linkError.isError())
        window()->showNotice(command.linkError);
    if (command.link.isValid())
        session.openLink(command.link);

    // Show the window once the keychain has answered, so a signed-in start never flashes
    // the sign-in page; a slow keychain gets a short grace period.
    QTimer::singleShot(400, &app, [window] {
        if (!window()->isVisible())
            window()->show();
    });
    if (window()->showsProjects())
        window()->show();
    return app.exec();
}
} // namespace

int main(int argc, char **argv)
{
    Logging::installCredentialFilter();
    SystemProxy::useSystemConfiguration();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QString parseError;
    const CommandLine command = CommandLine::parse(arguments, &parseError);
    if (!parseError.isEmpty())
        return printUsage(argc, argv, arguments);
    switch (command.action) {
    case CommandLine::Action::Help:
        return printUsage(argc, argv, arguments);
    case CommandLine::Action::Version:
        QTextStream(stdout) << AppInfo::executableName() << ' ' << AppInfo::version() << Qt::endl;
        return 0;
    case CommandLine::Action::ListProjects:
    case CommandLine::Action::SyncDrawings:
    case CommandLine::Action::ListDrawings:
    case CommandLine::Action::SignIn:
    case CommandLine::Action::SignOut:
        return runTerminal(argc, argv, command);
    case CommandLine::Action::ShowWindow:
        break;
    }
    return runWindow(argc, argv, command, arguments);
}
