#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// Log-safe forms of values that may carry credentials.
namespace Redact {
// "abcd…(64)": enough to tell two tokens apart in a log, never enough to use one.
QString token(const QString &secret);
// The URL with code, state, access_token, refresh_token, client_secret, code_verifier and
// password query items replaced by "<redacted>".
QString url(const QUrl &url);
// Qt's network error strings quote the request URL ("Error transferring <url> - server
// replied: ..."): the same text with that URL redacted.
QString networkError(const QString &errorString, const QUrl &url);
// An Authorization header value with the credential part replaced.
QString authorization(const QByteArray &headerValue);
} // namespace Redact
