#include "spawnedprocess.h"

#include "waituntil.h"

#include <QTest>

#include <csignal>

SpawnedProcess::SpawnedProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProgram(QStringLiteral(BENCH_SPAWN_PATH));
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SpawnedProcess::readOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process.readAllStandardError(); });
    connect(&m_process, &QProcess::finished, this, [this] {
        readOutput();
        m_stderr += m_process.readAllStandardError();
        m_exited = true;
    });
}

SpawnedProcess::~SpawnedProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        if (m_pid > 0)
            ::kill(pid_t(m_pid), SIGKILL);
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void SpawnedProcess::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_process.setProcessEnvironment(environment);
}

bool SpawnedProcess::start(const QString &program, const QStringList &arguments)
{
    m_process.setArguments(QStringList{program} + arguments);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.errorString();
        return false;
    }
    if (!waitUntil([this] { return (m_pid > 0 && m_startTime > 0) || m_exited; }, 10000) ||
        m_pid <= 0) {
        m_error = QStringLiteral("%1 did not start: %2")
                      .arg(program, QString::fromLocal8Bit(m_stderr.right(400)));
        return false;
    }
    return true;
}

void SpawnedProcess::readOutput()
{
    m_pending += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        parse(m_pending.left(newline));
        m_pending.remove(0, newline + 1);
    }
}

void SpawnedProcess::parse(const QByteArray &line)
{
    if (line.startsWith("spawn-pid ")) {
        m_pid = line.mid(10).toLongLong();
    } else if (line.startsWith("spawn-start ")) {
        m_startTime = line.mid(12).toDouble();
    } else if (line.startsWith("spawn-exit ")) {
        const QList<QByteArray> fields = line.mid(11).split(' ');
        if (fields.size() >= 5) {
            m_exitCode = fields.at(0).toInt();
            m_peakRssKiB = fields.at(1).toLongLong();
            m_userSeconds = fields.at(2).toDouble();
            m_systemSeconds = fields.at(3).toDouble();
            m_endTime = fields.at(4).toDouble();
        }
    } else {
        m_lines.append(line);
    }
}

QByteArray SpawnedProcess::waitForLine(const QByteArray &key, int timeoutMs)
{
    const QByteArray prefix = key + ' ';
    QByteArray found;
    const auto look = [&] {
        for (const QByteArray &line : std::as_const(m_lines)) {
            if (line.startsWith(prefix)) {
                found = line.mid(prefix.size());
                return true;
            }
        }
        return m_exited;
    };
    (void)waitUntil(look, timeoutMs);
    return found;
}

double SpawnedProcess::waitForStamp(const QByteArray &key, int timeoutMs)
{
    const QByteArray value = waitForLine(key, timeoutMs);
    bool ok = false;
    const double stamp = value.trimmed().toDouble(&ok);
    return ok ? stamp : -1;
}

void SpawnedProcess::write(const QByteArray &data)
{
    m_process.write(data);
}

void SpawnedProcess::closeWriteChannel()
{
    m_process.closeWriteChannel();
}

bool SpawnedProcess::stop(int timeoutMs)
{
    if (m_exited)
        return true;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (waitForExit(timeoutMs))
        return true;
    if (m_pid > 0)
        ::kill(pid_t(m_pid), SIGKILL);
    return waitForExit(5000);
}

bool SpawnedProcess::waitForExit(int timeoutMs)
{
    return waitUntil([this] { return m_exited; }, timeoutMs);
}
