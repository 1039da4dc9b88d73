#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// Typed field readers shared by the model parsers. Each one leaves *out untouched for a
// missing or null value and returns true; it returns false with *error set when the value has
// the wrong type, so a parser can reject the whole object instead of keeping half of it.
namespace JsonRead {

// A Procore ID: a JSON number that is a whole number in 1..2^63-1. Strings, fractions, zero
// and negative numbers are refused. `required` makes a missing or null value an error too.
bool id(const QJsonValue &value, QLatin1String field, qint64 *out, QString *error,
        bool required = false);
bool string(const QJsonValue &value, QLatin1String field, QString *out, QString *error);
bool boolean(const QJsonValue &value, QLatin1String field, bool *out, QString *error);
// "YYYY-MM-DD" (or a full ISO timestamp, of which the date is kept). Text that is not a date
// leaves *out invalid: Procore's date formats are not documented strictly enough to refuse a
// whole project over one of them. A non-string is still a wrong type.
bool date(const QJsonValue &value, QLatin1String field, QDate *out, QString *error);
// ISO 8601 timestamp, kept in UTC; unreadable text leaves *out invalid (see date()).
bool dateTime(const QJsonValue &value, QLatin1String field, QDateTime *out, QString *error);

// "a number", "a string", ... for error messages.
QString typeName(const QJsonValue &value);

// Hands each element of `array` to `take(object, &why)`, which keeps what it wants and returns
// false to refuse. The first element that is not an object or is refused fails the whole
// array, with "<what>[i] …" in *error (error may be null): one bad row refuses the page rather
// than a list with a silent gap.
template<typename Take>
bool eachObject(const QJsonArray &array, QLatin1String what, QString *error, Take take)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        QString why;
        if (!value.isObject())
            why = QStringLiteral(" is %1, expected an object").arg(typeName(value));
        else if (!take(value.toObject(), &why))
            why.prepend(QStringLiteral(": "));
        else
            continue;
        if (error)
            *error = QStringLiteral("%1[%2]%3").arg(what).arg(i).arg(why);
        return false;
    }
    return true;
}

// eachObject() for a list where `parse(object, &why)` gives a std::optional<T> per element.
template<typename T, typename Parse>
std::optional<QList<T>> listOf(const QJsonArray &array, QLatin1String what, QString *error,
                               Parse parse)
{
    QList<T> items;
    items.reserve(array.size());
    const bool ok = eachObject(array, what, error, [&](const QJsonObject &object, QString *why) {
        std::optional<T> item = parse(object, why);
        if (item)
            items.append(std::move(*item));
        return item.has_value();
    });
    return ok ? std::optional(std::move(items)) : std::nullopt;
}

} // namespace JsonRead
