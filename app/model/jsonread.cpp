#include "jsonread.h"

#include <cmath>

namespace JsonRead {

namespace {

bool wrongType(const QJsonValue &value, QLatin1String field, const char *expected, QString *error)
{
    if (error)
        *error = QStringLiteral("field \"%1\" is %2, expected %3")
                     .arg(field, typeName(value), QLatin1String(expected));
    return false;
}

bool absent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        return QStringLiteral("missing");
    }
    return QStringLiteral("unknown");
}

bool id(const QJsonValue &value, QLatin1String field, qint64 *out, QString *error, bool required)
{
    if (absent(value)) {
        if (!required)
            return true;
        if (error)
            *error =
                QStringLiteral("field \"%1\" is %2, expected an ID").arg(field, typeName(value));
        return false;
    }
    if (!value.isDouble())
        return wrongType(value, field, "an ID (a positive whole number)", error);
    // toInteger() is exact for integers the parser kept as 64-bit and refuses fractions and
    // doubles out of range; the sentinel tells those apart from a genuine 0.
    const qint64 n = value.toInteger(-1);
    if (n <= 0) {
        if (error) {
            const double d = value.toDouble();
            *error = QStringLiteral("field \"%1\" is %2, expected an ID (a positive whole number)")
                         .arg(field, std::isfinite(d) ? QString::number(d, 'g', 17)
                                                      : QStringLiteral("not finite"));
        }
        return false;
    }
    *out = n;
    return true;
}

bool string(const QJsonValue &value, QLatin1String field, QString *out, QString *error)
{
    if (absent(value))
        return true;
    if (!value.isString())
        return wrongType(value, field, "a string", error);
    *out = value.toString();
    return true;
}

bool boolean(const QJsonValue &value, QLatin1String field, bool *out, QString *error)
{
    if (absent(value))
        return true;
    if (!value.isBool())
        return wrongType(value, field, "a boolean", error);
    *out = value.toBool();
    return true;
}

bool date(const QJsonValue &value, QLatin1String field, QDate *out, QString *error)
{
    if (absent(value))
        return true;
    if (!value.isString())
        return wrongType(value, field, "a date string", error);
    const QString text = value.toString();
    *out = QDate::fromString(QStringView(text).left(10), Qt::ISODate);
    return true;
}

bool dateTime(const QJsonValue &value, QLatin1String field, QDateTime *out, QString *error)
{
    if (absent(value))
        return true;
    if (!value.isString())
        return wrongType(value, field, "a timestamp string", error);
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (parsed.isValid())
        parsed = parsed.toUTC();
    // An offset can carry a timestamp out of ISO 8601's years (9999-12-31T23:00-05:00), which
    // Project::toJson could not write back (found by fuzz/fuzz_projectpage).
    if (parsed.isValid() && (parsed.date().year() < 1 || parsed.date().year() > 9999))
        parsed = QDateTime();
    *out = parsed;
    return true;
}

} // namespace JsonRead
