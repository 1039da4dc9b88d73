#pragma once

#include <QByteArray>
#include <QString>

// Signed, expiring file links, like the pre-signed URLs of a storage service: a link names one
// revision, carries `expires` (Unix seconds) and a `signature` over both, and is refused once
// expired or once expireAll() has run (the control API's expired-signature fault).
class LinkSigner final
{
public:
    LinkSigner();
    enum class Check { Valid, Expired, Forged };

    // "expires=…&signature=…" for the revision, valid for ttlSeconds from now.
    QByteArray query(const QByteArray &purpose, qint64 revisionId, qint64 now,
                     int ttlSeconds) const;
    Check check(const QByteArray &purpose, qint64 revisionId, const QString &expires,
                const QString &signature, qint64 now) const;
    void expireAll() { ++m_epoch; }

private:
    QByteArray sign(const QByteArray &purpose, qint64 revisionId, qint64 expires, int epoch) const;

    QByteArray m_key;
    int m_epoch = 0;
};
