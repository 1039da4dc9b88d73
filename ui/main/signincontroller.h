#pragma once

#include "auth/procoreauth.h"
#include "common/procoreerror.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class LoginLauncher;
class Session;

// Carries a sign-in from the session to where the person completes it: the app's own login
// window (procore-desktop-login, a separate process so this one never loads WebEngine) or the
// system browser with the loopback listener. Sends the caught redirect back to the session.
class SignInController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInController)
public:
    explicit SignInController(Session *session, QObject *parent = nullptr);
    ~SignInController() override;

    // The login window's browser profile (cookies, storage); the session wipes it at sign-out.
    QString profileDir() const;
    void setProfileDir(const QString &dir);
    LoginLauncher *launcher() const { return m_launcher; }

signals:
    // A line for the waiting screen, e.g. "Finish signing in in your browser".
    void statusChanged(const QString &note);
    void failed(const ProcoreError &error);

private:
    void onAuthorizationUrl(const QUrl &url, ProcoreAuth::SignInMode mode);
    void onSessionStateChanged();
    void releaseStopWaiters();

    Session *m_session;
    LoginLauncher *m_launcher;
    QList<std::function<void()>> m_whenStopped;
};
