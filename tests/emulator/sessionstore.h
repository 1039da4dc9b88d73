#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

struct LoginSession
{
    QString id;
    QString csrfToken; // the authenticity_token every form of this session must carry
    qint64 userId = 0; // 0 until the user has logged in
};

// Browser sessions of the login server, keyed by the session cookie.
class SessionStore final
{
public:
    static QByteArray cookieName() { return "_procore_emulator_session"; }

    // The session named by a Cookie header, or nullptr.
    LoginSession *find(const QByteArray &cookieHeader);
    LoginSession *create();
    // A fresh session ID for a successful login (the anonymous one is dropped: no fixation).
    LoginSession *logIn(const QString &anonymousId, qint64 userId);
    static QByteArray setCookieHeader(const LoginSession &session);

private:
    QHash<QString, LoginSession> m_sessions;
};
