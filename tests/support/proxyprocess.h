#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A real HTTP proxy, Debian's tinyproxy, on a free loopback port with its own configuration
// and access log in a temporary folder. With a user name it demands Basic proxy
// authentication (407 until the client sends the right credentials).
//
//   ProxyProcess proxy;
//   QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
//   ... run the app with http_proxy=proxy.url() ...
//   QVERIFY(!proxy.requestsTo(emulator.apiUrl()).isEmpty());
class ProxyProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyProcess)
public:
    explicit ProxyProcess(QObject *parent = nullptr);
    ~ProxyProcess() override; // stops it

    bool start(const QString &user = {}, const QString &password = {});
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QUrl url() const; // http://127.0.0.1:<port>
    // The proxy URL with credentials in it, as a user puts them in http_proxy.
    QUrl urlWithCredentials(const QString &user, const QString &password) const;
    QString errorString() const { return m_error; }

    // Every request it was asked to forward, in order, as "GET http://host:port/path?query".
    QStringList requests() const;
    // Those for one scheme://host:port.
    QStringList requestsTo(const QUrl &origin) const;

private:
    QProcess m_process;
    QTemporaryDir m_dir;
    int m_port = 0;
    QString m_error;
};
