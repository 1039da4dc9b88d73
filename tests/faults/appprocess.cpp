#include "appprocess.h"

#include <QProcessEnvironment>

void AppProcess::start(QProcess &process, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("procore.*.info=true"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH), arguments);
    process.waitForStarted(10000);
}

AppRun AppProcess::run(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    start(process, arguments);
    AppRun result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished)
        killHard(process);
    result.crashed = result.finished && process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void AppProcess::killHard(QProcess &process)
{
    process.kill();
    process.waitForFinished(5000);
}
