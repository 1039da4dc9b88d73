#include "emulator.h"
#include "emulatorflags.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("procore-emulator"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    EmulatorConfig config;
    QString message;
    switch (EmulatorFlags::parse(QCoreApplication::arguments(), &config, &message)) {
    case EmulatorFlags::Result::Exit:
        out << message << Qt::flush;
        return 0;
    case EmulatorFlags::Result::Error:
        err << "procore-emulator: " << message << "\n" << Qt::flush;
        return 2;
    case EmulatorFlags::Result::Run:
        break;
    }

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app,
                     [](int) { QCoreApplication::quit(); });
    Emulator emulator(config);
    if (!emulator.start()) {
        err << "procore-emulator: " << emulator.errorString() << "\n" << Qt::flush;
        return 1;
    }
    for (const QString &line : emulator.banner())
        out << line << "\n";
    out << Qt::flush;
    const int code = app.exec();
    out << "procore-emulator stopped\n" << Qt::flush;
    return code;
}
