#include "fault.h"

#include <QJsonValue>
#include <QStringList>

#include <array>
#include <utility>

static const std::array<std::pair<Fault::Kind, const char16_t *>, 11> kindNames{{
    {Fault::Kind::Latency, u"latency"},
    {Fault::Kind::ServerError, u"5xx"},
    {Fault::Kind::Unavailable, u"503"},
    {Fault::Kind::TooManyRequests, u"429"},
    {Fault::Kind::Drop, u"drop"},
    {Fault::Kind::Malformed, u"malformed"},
    {Fault::Kind::Stall, u"stall"},
    {Fault::Kind::Huge, u"huge"},
    {Fault::Kind::ExpireEarly, u"expire-early"},
    {Fault::Kind::RevokeAll, u"revoke-all"},
    {Fault::Kind::Redirect, u"redirect"},
}};

QString Fault::kindName(Kind kind)
{
    for (const auto &[candidate, name] : kindNames) {
        if (candidate == kind)
            return QString::fromUtf16(name);
    }
    return {};
}

static bool readInt(const QJsonObject &json, const QString &key, int min, int max, int *out,
                    QString *error)
{
    if (!json.contains(key))
        return true;
    const QJsonValue value = json.value(key);
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != double(qint64(number)) || number < min || number > max) {
        *error =
            QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(key).arg(min).arg(max);
        return false;
    }
    *out = int(number);
    return true;
}

std::optional<Fault> Fault::fromJson(const QJsonObject &json, QString *error)
{
    static const QStringList known{
        QStringLiteral("kind"),   QStringLiteral("count"),      QStringLiteral("ms"),
        QStringLiteral("status"), QStringLiteral("retryAfter"), QStringLiteral("path"),
        QStringLiteral("bytes"),  QStringLiteral("location"),   QStringLiteral("chunked")};
    for (const QString &key : json.keys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("unknown fault field \"%1\"").arg(key);
            return std::nullopt;
        }
    }
    Fault fault;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    bool found = false;
    for (const auto &[candidate, name] : kindNames) {
        if (kind == QString::fromUtf16(name)) {
            fault.kind = candidate;
            found = true;
        }
    }
    if (!found) {
        *error = QStringLiteral("unknown fault kind \"%1\"").arg(kind);
        return std::nullopt;
    }
    if (fault.kind == Kind::Unavailable)
        fault.status = 503;
    if (fault.kind == Kind::TooManyRequests)
        fault.status = 429;
    fault.hasMs = json.contains(QStringLiteral("ms"));
    if (!readInt(json, QStringLiteral("count"), -1, 1000000, &fault.remaining, error) ||
        !readInt(json, QStringLiteral("ms"), 0, 600000, &fault.ms, error) ||
        !readInt(json, QStringLiteral("retryAfter"), 0, 86400, &fault.retryAfter, error) ||
        !readInt(json, QStringLiteral("bytes"), 16, 256 * 1024 * 1024, &fault.bytes, error))
        return std::nullopt;
    const QJsonValue chunked = json.value(QStringLiteral("chunked"));
    if (!chunked.isUndefined() && (!chunked.isBool() || fault.kind != Kind::Huge)) {
        *error = QStringLiteral("\"chunked\" is true or false, and only for a huge fault");
        return std::nullopt;
    }
    fault.chunked = chunked.toBool();
    if (fault.kind == Kind::ServerError &&
        !readInt(json, QStringLiteral("status"), 500, 599, &fault.status, error))
        return std::nullopt;
    if (fault.kind == Kind::Redirect) {
        fault.status = 307;
        fault.location = json.value(QStringLiteral("location")).toString();
        if (!readInt(json, QStringLiteral("status"), 300, 399, &fault.status, error))
            return std::nullopt;
        if (fault.location.isEmpty()) {
            *error = QStringLiteral("a redirect fault needs a \"location\"");
            return std::nullopt;
        }
    }
    if (fault.remaining == 0) {
        *error = QStringLiteral("\"count\" must be positive, or -1 for no end");
        return std::nullopt;
    }
    if (json.contains(QStringLiteral("path"))) {
        fault.pathPrefix = json.value(QStringLiteral("path")).toString();
        if (!fault.pathPrefix.startsWith(u'/')) {
            *error = QStringLiteral("\"path\" must be a path prefix starting with /");
            return std::nullopt;
        }
    }
    return fault;
}

std::optional<Fault> Fault::fromFlag(const QString &flag, QString *error)
{
    QStringList parts = flag.split(u',');
    QJsonObject json;
    const QStringList head = parts.takeFirst().split(u':');
    json.insert(QStringLiteral("kind"), head.value(0));
    if (head.size() > 2) {
        *error = QStringLiteral("expected KIND[:COUNT][,key=value...], got \"%1\"").arg(flag);
        return std::nullopt;
    }
    if (head.size() == 2) {
        bool ok = false;
        const int count = head.at(1) == u"always" ? -1 : head.at(1).toInt(&ok);
        if (head.at(1) != u"always" && !ok) {
            *error = QStringLiteral("bad fault count \"%1\"").arg(head.at(1));
            return std::nullopt;
        }
        json.insert(QStringLiteral("count"), count);
    }
    for (const QString &part : std::as_const(parts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0) {
            *error = QStringLiteral("expected key=value, got \"%1\"").arg(part);
            return std::nullopt;
        }
        const QString key = part.left(eq);
        const QString value = part.mid(eq + 1);
        bool isNumber = false;
        const int number = value.toInt(&isNumber);
        if (value == u"true" || value == u"false")
            json.insert(key, value == u"true");
        else
            json.insert(key, isNumber ? QJsonValue(number) : QJsonValue(value));
    }
    return fromJson(json, error);
}

QJsonObject Fault::toJson() const
{
    QJsonObject json{{QStringLiteral("kind"), kindName(kind)},
                     {QStringLiteral("count"), remaining},
                     {QStringLiteral("path"), pathPrefix}};
    if (hasMs)
        json.insert(QStringLiteral("ms"), ms);
    if (kind == Kind::ServerError || kind == Kind::Unavailable || kind == Kind::TooManyRequests ||
        kind == Kind::Redirect)
        json.insert(QStringLiteral("status"), status);
    if (kind == Kind::Redirect)
        json.insert(QStringLiteral("location"), location);
    if (kind == Kind::Unavailable || kind == Kind::TooManyRequests)
        json.insert(QStringLiteral("retryAfter"), retryAfter);
    if (kind == Kind::Huge) {
        json.insert(QStringLiteral("bytes"), bytes);
        json.insert(QStringLiteral("chunked"), chunked);
    }
    return json;
}
