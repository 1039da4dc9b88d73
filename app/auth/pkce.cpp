#include "pkce.h"

#include "oauthstate.h"

#include <QCryptographicHash>

namespace Pkce {

QByteArray generateVerifier()
{
    return OAuthState::randomBase64Url(32);
}

QByteArray challengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace Pkce
