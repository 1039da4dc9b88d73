#include "linksigner.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

LinkSigner::LinkSigner()
{
    m_key.resize(32);
    QRandomGenerator::system()->generate(m_key.begin(), m_key.end());
}

QByteArray LinkSigner::sign(const QByteArray &purpose, qint64 revisionId, qint64 expires,
                            int epoch) const
{
    const QByteArray message = purpose + '|' + QByteArray::number(revisionId) + '|' +
                               QByteArray::number(expires) + '|' + QByteArray::number(epoch);
    return QMessageAuthenticationCode::hash(message, m_key, QCryptographicHash::Sha256)
        .toHex()
        .left(40);
}

QByteArray LinkSigner::query(const QByteArray &purpose, qint64 revisionId, qint64 now,
                             int ttlSeconds) const
{
    const qint64 expires = now + ttlSeconds;
    return "expires=" + QByteArray::number(expires) +
           "&signature=" + sign(purpose, revisionId, expires, m_epoch);
}

LinkSigner::Check LinkSigner::check(const QByteArray &purpose, qint64 revisionId,
                                    const QString &expires, const QString &signature,
                                    qint64 now) const
{
    bool ok = false;
    const qint64 until = expires.toLongLong(&ok);
    if (!ok || signature.isEmpty())
        return Check::Forged;
    if (signature.toLatin1() != sign(purpose, revisionId, until, m_epoch)) {
        // A link signed before expireAll() reads as expired, as a storage service says it.
        for (int epoch = m_epoch - 1; epoch >= 0; --epoch) {
            if (signature.toLatin1() == sign(purpose, revisionId, until, epoch))
                return Check::Expired;
        }
        return Check::Forged;
    }
    return until < now ? Check::Expired : Check::Valid;
}
