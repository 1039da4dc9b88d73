#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

// Starts the built procore-emulator (PROCORE_EMULATOR_PATH) on free loopback ports with the
// control API on, and drives that control API. Every call blocks (local event loop, 10 s).
//
//   EmulatorProcess emulator;
//   QVERIFY2(emulator.start({"--expires-in", "2"}), qPrintable(emulator.errorString()));
//   ... talk to emulator.loginUrl() / emulator.apiUrl() ...
//   QCOMPARE(emulator.counters()["refreshes"].toInt(), 1);
class EmulatorProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmulatorProcess)

public:
    explicit EmulatorProcess(QObject *parent = nullptr);
    ~EmulatorProcess() override;                   // stops it
    bool start(const QStringList &extraArgs = {}); // --port 0 --control + extraArgs, waits <=15 s
    void stop();                                   // SIGTERM, waits
    void kill();                                   // SIGKILL
    QUrl loginUrl() const;                         // http://127.0.0.1:<P1>
    QUrl apiUrl() const;                           // http://127.0.0.1:<P2>
    QUrl storageUrl() const { return m_storage; }  // http://127.0.0.1:<P3>, the file host
    QString errorString() const;
    QByteArray output() const; // what it printed so far
    // Control API, blocking (local event loop, 10 s timeout):
    QJsonObject counters() const;
    // One counter ("refreshes", "revocations"…), 0 when it has not counted yet.
    int counter(const char *name) const;
    // Requests one server answered on one path, e.g. "login:/oauth/token".
    int requests(const QString &serverAndPath) const;
    // Requests answered on every server and path whose key starts with `prefix` together,
    // e.g. "storage:" or "api:/rest/v1.0/drawing"; apiRequests() is "api:", allRequests() "".
    int requestsStartingWith(const QString &prefix) const;
    int apiRequests() const;
    int allRequests() const;
    bool resetCounters() const;
    bool setFault(const QJsonObject &fault) const;
    bool clearFaults() const;
    bool expireAllTokens() const;
    bool revokeAllGrants() const;
    bool configure(const QJsonObject &settings) const;
    QJsonObject data() const;
    static QString clientId();     // "procore-desktop-demo"
    static QString clientSecret(); // "demo-secret-not-secret"
    static QString redirectUri();  // "http://127.0.0.1:8765/callback"
    static QString demoEmail();    // "demo@example.com"
    static QString demoPassword(); // "procore-demo"

    // Extras beyond the shared interface:
    // The process itself, e.g. to check exitCode() after stop().
    QProcess *process() { return &m_process; }
    // The authorize URL for the default client and redirect URI with the given extras
    // (e.g. {{"state","xyz"},{"code_challenge",…},{"code_challenge_method","S256"}}).
    QUrl authorizeUrl(const QList<QPair<QString, QString>> &extraQuery = {}) const;
    // One control API call; *status gets the HTTP status (0 on a network failure).
    QByteArray control(const QByteArray &method, const QString &endpoint,
                       const QByteArray &body = {}, int *status = nullptr) const;

private:
    void readOutput();

    QProcess m_process;
    QByteArray m_output;
    QUrl m_login;
    QUrl m_api;
    QUrl m_storage;
    mutable QString m_error;
};
