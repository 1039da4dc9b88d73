#include "cli/commandline.h"
#include "common/appinfo.h"

#include <QCoreApplication>
#include <QTextStream>

#include <memory>

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QString parseError;
    const CommandLine command = CommandLine::parse(arguments, &parseError);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parseError.isEmpty()) {
        err << parseError << Qt::endl << Qt::endl << command.helpText;
        return 64; // EX_USAGE
    }
    switch (command.action) {
    case CommandLine::Action::Help:
        out << command.helpText;
        return 0;
    case CommandLine::Action::Version:
        out << AppInfo::executableName() << ' ' << AppInfo::version() << Qt::endl;
        return 0;
    default:
        break;
    }
    QCoreApplication app(argc, argv);
    err << "not implemented yet" << Qt::endl;
    return 1;
}
