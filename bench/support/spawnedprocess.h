#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>

// A program started through bench-spawn (see bench/spawn.cpp): its process ID, the monotonic
// time just before exec, the lines it prints, and after it ended its exit code and the peak
// RSS the kernel recorded. All waits run the event loop.
class SpawnedProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpawnedProcess)
public:
    explicit SpawnedProcess(QObject *parent = nullptr);
    ~SpawnedProcess() override; // a program still running is killed

    void setProcessEnvironment(const QProcessEnvironment &environment);
    // Starts `program` and waits until it runs; false with errorString() when it did not.
    bool start(const QString &program, const QStringList &arguments);
    qint64 pid() const { return m_pid; }
    double startTime() const { return m_startTime; }

    // The rest of the first stdout line "<key> …", waiting for it; empty after the timeout
    // or when the program ended first.
    QByteArray waitForLine(const QByteArray &key, int timeoutMs);
    // waitForLine() read as a number (a monotonic timestamp); -1 when there was none.
    double waitForStamp(const QByteArray &key, int timeoutMs);

    void write(const QByteArray &data);
    void closeWriteChannel();
    // SIGTERM (passed on to the program), then waits for it to end; SIGKILL after the timeout.
    bool stop(int timeoutMs = 10000);
    bool waitForExit(int timeoutMs);
    bool hasExited() const { return m_exited; }
    int exitCode() const { return m_exitCode; }
    qint64 peakRssKiB() const { return m_peakRssKiB; }
    double userSeconds() const { return m_userSeconds; }
    double systemSeconds() const { return m_systemSeconds; }
    double endTime() const { return m_endTime; } // monotonic, when bench-spawn reaped it

    // Every stdout line of the program, bench-spawn's own lines left out.
    QList<QByteArray> lines() const { return m_lines; }
    QByteArray standardError() const { return m_stderr; }
    QString errorString() const { return m_error; }

private:
    void readOutput();
    void parse(const QByteArray &line);

    QProcess m_process;
    QByteArray m_pending;
    QList<QByteArray> m_lines;
    QByteArray m_stderr;
    QString m_error;
    qint64 m_pid = 0;
    double m_startTime = -1;
    bool m_exited = false;
    int m_exitCode = -1;
    qint64 m_peakRssKiB = -1;
    double m_userSeconds = -1;
    double m_systemSeconds = -1;
    double m_endTime = -1;
};
