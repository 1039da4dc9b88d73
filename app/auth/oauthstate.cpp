#include "oauthstate.h"

#include <QRandomGenerator>

#include <vector>

namespace OAuthState {

QByteArray randomBase64Url(int bytes)
{
    const int words = (bytes + 3) / 4;
    std::vector<quint32> buffer(static_cast<size_t>(words));
    QRandomGenerator::system()->fillRange(buffer.data(), buffer.size());
    const QByteArray raw(reinterpret_cast<const char *>(buffer.data()), bytes);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString generate()
{
    return QString::fromLatin1(randomBase64Url(32));
}

} // namespace OAuthState
