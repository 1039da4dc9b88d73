#include "httpheaders.h"

#include "common/utc.h"

#include <QList>
#include <QLocale>
#include <QUrlQuery>

#include <algorithm>

namespace HttpHeaders {

QHash<QString, QUrl> parseLink(const QByteArray &header)
{
    QHash<QString, QUrl> links;
    const QString text = QString::fromLatin1(header);
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('<'), pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1Char('>'), open);
        if (close < 0)
            break;
        const QUrl url(text.mid(open + 1, close - open - 1).trimmed());
        // Parameters run to the next '<' that starts a new link (URLs cannot contain '<').
        qsizetype end = text.indexOf(QLatin1Char('<'), close);
        if (end < 0)
            end = text.size();
        const QStringView params = QStringView(text).mid(close + 1, end - close - 1);
        for (QStringView param : params.split(QLatin1Char(';'))) {
            param = param.trimmed();
            if (!param.startsWith(QLatin1String("rel="), Qt::CaseInsensitive))
                continue;
            QStringView rels = param.mid(4).trimmed();
            while (rels.endsWith(QLatin1Char(',')))
                rels.chop(1);
            if (rels.startsWith(QLatin1Char('"')) && rels.endsWith(QLatin1Char('"')) &&
                rels.size() >= 2)
                rels = rels.mid(1, rels.size() - 2);
            for (QStringView rel : rels.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                if (url.isValid())
                    links.insert(rel.toString().toLower(), url);
            }
        }
        pos = end;
    }
    return links;
}

qint64 pageOf(const QUrl &url)
{
    bool ok = false;
    const qint64 page = QUrlQuery(url).queryItemValue(QStringLiteral("page")).toLongLong(&ok);
    return ok && page > 0 ? page : 0;
}

namespace {
// Longer than any wait worth making (callers give up well before): a hostile header's seconds
// are cut to it before they are turned into milliseconds or dates, so nothing overflows.
constexpr qint64 MaxDelaySeconds = 7 * 24 * 3600;
} // namespace

std::optional<qint64> retryDelayMs(const QByteArray &retryAfter, const QByteArray &rateLimitReset,
                                   const QDateTime &now)
{
    const QByteArray after = retryAfter.trimmed();
    if (!after.isEmpty()) {
        bool ok = false;
        const qint64 seconds = after.toLongLong(&ok);
        if (ok && seconds >= 0)
            return std::min(seconds, MaxDelaySeconds) * 1000;
        // Digits too many for 64 bits: as long as the longest wait.
        if (!ok && !after.isEmpty() &&
            std::all_of(after.begin(), after.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return MaxDelaySeconds * 1000;
        // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
        QDateTime at;
        if (after.endsWith(" GMT"))
            at = QLocale::c().toDateTime(QString::fromLatin1(after.chopped(4)),
                                         QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        if (at.isValid())
            return std::max<qint64>(0, now.msecsTo(QDateTime(at.date(), at.time(), Utc::zone)));
    }
    const QByteArray reset = rateLimitReset.trimmed();
    if (!reset.isEmpty()) {
        bool ok = false;
        const qint64 unixSeconds = reset.toLongLong(&ok);
        const bool allDigits =
            std::all_of(reset.begin(), reset.end(), [](char c) { return c >= '0' && c <= '9'; });
        if ((ok && unixSeconds > 0) || (!ok && allDigits)) {
            const qint64 latest = now.toSecsSinceEpoch() + MaxDelaySeconds;
            const qint64 at = ok ? std::min(unixSeconds, latest) : latest;
            return std::clamp<qint64>(now.msecsTo(QDateTime::fromSecsSinceEpoch(at, Utc::zone)), 0,
                                      MaxDelaySeconds * 1000);
        }
    }
    return std::nullopt;
}

qint64 count(const QByteArray &header)
{
    bool ok = false;
    const qint64 value = header.trimmed().toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}

} // namespace HttpHeaders
