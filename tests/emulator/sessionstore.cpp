#include "sessionstore.h"

#include "randomtoken.h"

#include <QList>

LoginSession *SessionStore::find(const QByteArray &cookieHeader)
{
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0 || pair.left(eq) != cookieName())
            continue;
        const auto it = m_sessions.find(QString::fromLatin1(pair.mid(eq + 1)));
        if (it != m_sessions.end())
            return &it.value();
    }
    return nullptr;
}

LoginSession *SessionStore::create()
{
    LoginSession session{randomToken(), randomToken(), 0};
    return &m_sessions.insert(session.id, session).value();
}

LoginSession *SessionStore::logIn(const QString &anonymousId, qint64 userId)
{
    m_sessions.remove(anonymousId);
    LoginSession *session = create();
    session->userId = userId;
    return session;
}

QByteArray SessionStore::setCookieHeader(const LoginSession &session)
{
    return cookieName() + '=' + session.id.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax";
}
