#pragma once

#include <QByteArray>

// RFC 7636 Proof Key for Code Exchange, S256 only (plain adds nothing over no PKCE).
namespace Pkce {
// 32 bytes from the system CSPRNG, base64url without padding: 43 characters.
QByteArray generateVerifier();
// BASE64URL(SHA256(ASCII(verifier))) without padding.
QByteArray challengeS256(const QByteArray &verifier);
} // namespace Pkce
