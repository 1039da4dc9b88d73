#pragma once

#include "signin/loginreply.h"
#include "signin/loginrequest.h"

#include <QElapsedTimer>
#include <QObject>

class LoginView;
class StdinWatcher;

// The procore-desktop-login process: shows the LoginView for one request, answers with
// exactly one reply line on stdout and quits with the reply's exit code.
class LoginHelper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginHelper)
public:
    LoginHelper(const LoginRequest &request, const QElapsedTimer &sinceStart,
                QObject *parent = nullptr);
    ~LoginHelper() override;

    void show();
    // Writes the reply line (once) and flushes it.
    static void writeReply(const LoginReply &reply);

private:
    void finish(const LoginReply &reply);

    LoginRequest m_request;
    QElapsedTimer m_sinceStart;
    LoginView *m_view = nullptr;
    StdinWatcher *m_stdin = nullptr;
    bool m_finished = false;
    bool m_firstPageLogged = false;
};
