#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// One run of the real procore-desktop executable in terminal mode.
struct AppRun
{
    bool finished = false; // on its own (not killed, not hung)
    bool crashed = false;  // ended by a signal the test did not send
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class AppProcess final
{
public:
    // Runs `arguments` to the end (at most timeoutMs; then it is killed and counts as hung).
    static AppRun run(const QStringList &arguments, int timeoutMs = 20000);
    // Starts it; the caller kills or waits.
    static void start(QProcess &process, const QStringList &arguments);
    // SIGKILL, as a crash, the OOM killer or a power cut would end it.
    static void killHard(QProcess &process);
};
