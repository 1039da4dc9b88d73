#pragma once

#include "common/procoreerror.h"
#include "signin/loginrequest.h"

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <functional>

class QProcess;

// Runs the sign-in window, procore-desktop-login, as a child process so the main process
// never loads WebEngine. Qt Core only. After a start() that returned true, exactly one of
// redirectReceived(), cancelled(), systemBrowserRequested() or failed() is emitted.
class LoginLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginLauncher)
public:
    explicit LoginLauncher(QObject *parent = nullptr);
    ~LoginLauncher() override; // a child still running is killed

    // <applicationDirPath>/procore-desktop-login (".exe" on Windows).
    static QString defaultProgram();
    void setProgram(const QString &path); // tests point it at the build tree
    QString program() const { return m_program; }
    // The child's environment; the default is the current process's. Either way the child
    // gets no PROCORE_* variable (no client secret): it never needs one.
    void setProcessEnvironment(const QProcessEnvironment &environment);

    // False (and nothing emitted) when a login window already runs or the request is
    // invalid; lastError() says why.
    bool start(const LoginRequest &request);
    // Closes the window: stdin closed, then terminated, then killed. cancelled() follows.
    void cancel();
    bool isRunning() const;
    ProcoreError lastError() const { return m_lastError; }

    // Wipes the login window's cookies and storage (sign-out). Only while no window runs.
    static bool clearProfile(const QString &dir);

signals:
    void redirectReceived(const QUrl &url);
    void cancelled();
    void systemBrowserRequested();
    void failed(const ProcoreError &error);

private:
    void onReadyReadStdout();
    void onReadyReadStderr();
    void onFinished(int exitCode, bool crashed);
    void onErrorOccurred();
    void fail(ProcoreError error);
    void finishWith(const std::function<void()> &emitter);

    QString m_program;
    QProcessEnvironment m_environment;
    QProcess *m_process = nullptr;
    QUrl m_redirectUri;
    QByteArray m_stdout;
    QByteArray m_stderrLine;
    bool m_cancelling = false;
    bool m_overflow = false;
    ProcoreError m_lastError;
};
