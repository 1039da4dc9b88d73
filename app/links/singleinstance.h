#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

// One running instance per user: the first launch listens on a user-private local socket; a
// later launch hands its arguments (InstanceMessage) to it and exits. A socket left behind by
// a crash is detected (nobody answers) and replaced.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)
public:
    enum class Role {
        Primary,   // this process listens and receives later launches' arguments
        Forwarded, // a running instance took the arguments; this process should exit 0
        Failed,    // neither worked; run on alone (errorString() says why)
    };

    // serverName: a bare name, or an absolute socket path on Unix.
    explicit SingleInstance(QString serverName, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Per user (and per scope, e.g. an environment), in a folder only this user can reach
    // where the platform has one.
    static QString defaultServerName(const QString &scope = {});
    // Windows: named pipes share one namespace for every logged-on user, and USERNAME is
    // anyone's to set, so the name carries the account's SID (from the process token) and
    // another user cannot claim it first under a name we would pick. Pure, for tests.
    static QString pipeName(const QString &userSid, const QString &scope);

    Role start(const QStringList &arguments, int timeoutMs = 3000);
    QString serverName() const { return m_serverName; }
    QString errorString() const { return m_error; }

signals:
    void argumentsReceived(const QStringList &arguments);

private:
    enum class ForwardResult { Delivered, NoServer, Failed };
    ForwardResult forward(const QStringList &arguments, int timeoutMs);
    bool listen();
    void acceptConnections();
    void readFrom(QLocalSocket *socket);

    QString m_serverName;
    QString m_error;
    QLocalServer *m_server = nullptr;
};
