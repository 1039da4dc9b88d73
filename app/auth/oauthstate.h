#pragma once

#include <QByteArray>
#include <QString>

// The OAuth `state` of one sign-in attempt. Qt 6.4 generates a weak one and reuses it across
// attempts; ours is 32 bytes from the system CSPRNG, new for every attempt.
namespace OAuthState {
QString generate(); // 43 base64url characters
// `bytes` random bytes from QRandomGenerator::system(), base64url without padding.
QByteArray randomBase64Url(int bytes);
} // namespace OAuthState
