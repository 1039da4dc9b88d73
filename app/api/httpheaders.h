#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QUrl>

#include <optional>

// Readers for the response headers Procore's API uses for paging and rate limits.
namespace HttpHeaders {

// RFC 8288 `Link: <url>; rel="next", <url>; rel="last"` -> {"next": url, "last": url}.
// Malformed parts are skipped.
QHash<QString, QUrl> parseLink(const QByteArray &header);

// The `page` query item of a URL, or 0.
qint64 pageOf(const QUrl &url);

// How long to wait before trying again, in ms: `Retry-After` (seconds or an HTTP date) or,
// failing that, `X-Rate-Limit-Reset` (Unix seconds). nullopt when neither says anything
// usable. Never negative.
std::optional<qint64> retryDelayMs(const QByteArray &retryAfter, const QByteArray &rateLimitReset,
                                   const QDateTime &now);

// A count header (Total, Per-Page): its value, or -1 when absent or not a number >= 0.
qint64 count(const QByteArray &header);

} // namespace HttpHeaders
