// A second launch, as a separate process: forwards its arguments to the instance listening on
// argv[1], or with --hold becomes the instance and waits to be killed. Exit code = Role.
#include "links/singleinstance.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty())
        return 64;
    const bool hold = args.size() > 1 && args.at(1) == QLatin1String("--hold");
    SingleInstance instance(args.takeFirst());
    const auto role = instance.start(args);
    QTextStream(stdout) << int(role) << Qt::endl;
    if (hold && role == SingleInstance::Role::Primary)
        return app.exec();
    return int(role);
}
