#include "singleinstance.h"

#include "common/logging.h"
#include "instancemessage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

#ifdef Q_OS_WIN
#include <qt_windows.h>
#include <sddl.h>
#endif

namespace {
const QByteArray ack = QByteArrayLiteral("OK\n");
constexpr int connectionTimeoutMs = 3000;
#ifndef Q_OS_WIN
constexpr int unixSocketPathLimit = 100; // sun_path is 104 bytes on macOS, 108 on Linux
#endif
QByteArray scopeHash(const QByteArray &user, const QString &scope)
{
    return QCryptographicHash::hash(user + '\0' + scope.toUtf8(), QCryptographicHash::Sha256)
        .toHex()
        .left(16);
}

#ifdef Q_OS_WIN
// "S-1-5-21-…" of the account this process runs as; empty if the token cannot be read.
QString currentUserSid()
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return {};
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    QByteArray buffer(int(size), '\0');
    QString sid;
    LPWSTR text = nullptr;
    if (size > 0 && GetTokenInformation(token, TokenUser, buffer.data(), size, &size) &&
        ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER *>(buffer.data())->User.Sid, &text)) {
        sid = QString::fromWCharArray(text);
        LocalFree(text);
    }
    CloseHandle(token);
    return sid;
}
#endif
} // namespace

SingleInstance::SingleInstance(QString serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
{}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::pipeName(const QString &userSid, const QString &scope)
{
    QString sid;
    for (const QChar c : userSid.left(184)) // SIDs are "S-", digits and dashes
        sid += c.isLetterOrNumber() || c == u'-' ? c : QChar(u'_');
    if (sid.isEmpty())
        sid = QStringLiteral("unknown-user");
    return QStringLiteral("procore-desktop-%1-%2")
        .arg(sid, QString::fromLatin1(scopeHash(userSid.toUtf8(), scope)));
}

QString SingleInstance::defaultServerName(const QString &scope)
{
#ifdef Q_OS_WIN
    return pipeName(currentUserSid(), scope);
#else
    const QByteArray user = qgetenv("USER") + qgetenv("USERNAME");
    const QString name =
        QStringLiteral("procore-desktop-") + QString::fromLatin1(scopeHash(user, scope));
    // XDG_RUNTIME_DIR (or the macOS equivalent) is private to the user, so nobody else can
    // squat the name or talk to the socket.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty()) {
        const QString path = QDir(runtime).filePath(name + QStringLiteral(".sock"));
        if (path.toLocal8Bit().size() < unixSocketPathLimit)
            return path;
    }
    return name;
#endif
}

SingleInstance::Role SingleInstance::start(const QStringList &arguments, int timeoutMs)
{
    // Two launches at the same moment must not both decide they are first.
    QString lockPath = m_serverName;
    if (!QDir::isAbsolutePath(lockPath))
        lockPath = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                       .filePath(m_serverName);
    QLockFile lock(lockPath + QStringLiteral(".lock"));
    lock.setStaleLockTime(timeoutMs * 2);
    if (!lock.tryLock(timeoutMs))
        qCWarning(lcLinks) << "single-instance lock busy; going on without it";

    switch (forward(arguments, timeoutMs)) {
    case ForwardResult::Delivered:
        return Role::Forwarded;
    case ForwardResult::Failed:
        return Role::Failed;
    case ForwardResult::NoServer:
        break;
    }
    return listen() ? Role::Primary : Role::Failed;
}

SingleInstance::ForwardResult SingleInstance::forward(const QStringList &arguments, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs)) {
        // Refused or missing: nobody listens, or a crash left the socket file behind.
        qCDebug(lcLinks) << "no running instance:" << socket.errorString();
        return ForwardResult::NoServer;
    }
    socket.write(InstanceMessage::encode(arguments));
    QByteArray answer;
    while (answer.size() < ack.size() && clock.elapsed() < timeoutMs) {
        socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - clock.elapsed())));
        answer += socket.read(ack.size() - answer.size());
        if (socket.state() != QLocalSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
    }
    if (answer == ack)
        return ForwardResult::Delivered;
    m_error = tr("The running Procore Desktop did not answer.");
    qCWarning(lcLinks) << "running instance did not acknowledge:" << socket.errorString();
    return ForwardResult::Failed;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // Only reached when nothing answered on the name, so what is there is stale.
        QLocalServer::removeServer(m_serverName);
        if (!m_server->listen(m_serverName)) {
            m_error =
                tr("Could not make this the running instance: %1").arg(m_server->errorString());
            qCWarning(lcLinks) << "listen failed:" << m_server->errorString();
            delete m_server;
            m_server = nullptr;
            return false;
        }
        qCInfo(lcLinks) << "replaced a stale instance socket";
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    return true;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
        // A peer that connects and sends nothing must not hold a connection forever.
        QTimer::singleShot(connectionTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray();
    const qint64 room =
        InstanceMessage::headerSize + InstanceMessage::maxPayload + 1 - buffer.size();
    buffer += socket->read(qMax<qint64>(0, room));
    const auto decoded = InstanceMessage::decode(buffer);
    switch (decoded.status) {
    case InstanceMessage::Status::NeedMore:
        socket->setProperty("buffer", buffer);
        return;
    case InstanceMessage::Status::Invalid:
        qCWarning(lcLinks) << "refused a message from a local client:" << decoded.error;
        socket->abort();
        return;
    case InstanceMessage::Status::Complete:
        socket->write(ack);
        socket->flush();
        socket->disconnectFromServer();
        emit argumentsReceived(decoded.arguments);
        return;
    }
}
