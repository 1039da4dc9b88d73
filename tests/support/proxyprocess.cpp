#include "proxyprocess.h"

#include "testports.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

ProxyProcess::ProxyProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ProxyProcess::~ProxyProcess()
{
    stop();
}

bool ProxyProcess::start(const QString &user, const QString &password)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("tinyproxy"), {});
    const QString fallback = QStringLiteral("/usr/bin/tinyproxy");
    const QString tinyproxy = !program.isEmpty() ? program : fallback;
    if (!QFile::exists(tinyproxy)) {
        m_error = QStringLiteral("tinyproxy is not installed (bash scripts/deps.sh installs it)");
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    // A port taken between the probe and tinyproxy's bind makes it exit: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = TestPorts::freePort();
        QFile config(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_error = config.errorString();
            return false;
        }
        QByteArray text = "Port " + QByteArray::number(m_port) +
                          "\n"
                          "Listen 127.0.0.1\n"
                          "Timeout 60\n"
                          "MaxClients 64\n"
                          "DisableViaHeader Yes\n"
                          "LogLevel Info\n"
                          "LogFile \"" +
                          m_dir.filePath(QStringLiteral("access.log")).toUtf8() + "\"\n";
        if (!user.isEmpty())
            text += "BasicAuth " + user.toUtf8() + ' ' + password.toUtf8() + '\n';
        config.write(text);
        config.close();
        m_process.start(tinyproxy, {QStringLiteral("-d"), QStringLiteral("-c"), config.fileName()});
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("cannot start tinyproxy: %1").arg(m_process.errorString());
            return false;
        }
        const QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
            if (socket.waitForConnected(500))
                return true;
            QThread::msleep(20);
        }
        m_error = QStringLiteral("tinyproxy did not listen on %1: %2")
                      .arg(m_port)
                      .arg(QString::fromLocal8Bit(m_process.readAll()));
        stop();
    }
    return false;
}

void ProxyProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QUrl ProxyProcess::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl ProxyProcess::urlWithCredentials(const QString &user, const QString &password) const
{
    QUrl result = url();
    result.setUserName(user);
    result.setPassword(password);
    return result;
}

QStringList ProxyProcess::requests() const
{
    // tinyproxy logs each request line it reads:
    //   INFO  Dec 02 07:55:00.338 [26433]: Request (file descriptor 5): GET http://… HTTP/1.1
    static const QRegularExpression line(
        QStringLiteral("Request \\(file descriptor \\d+\\): (\\S+) (\\S+) HTTP/"));
    QFile log(m_dir.filePath(QStringLiteral("access.log")));
    QStringList found;
    if (!log.open(QIODevice::ReadOnly))
        return found;
    const QString text = QString::fromUtf8(log.readAll());
    for (auto it = line.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        found << match.captured(1) + QLatin1Char(' ') + match.captured(2);
    }
    return found;
}

QStringList ProxyProcess::requestsTo(const QUrl &origin) const
{
    const QString prefix = origin.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
    QStringList found;
    for (const QString &request : requests()) {
        const QString target = request.section(QLatin1Char(' '), 1);
        if (target == prefix || target.startsWith(prefix + QLatin1Char('/')))
            found << request;
    }
    return found;
}
