#include "jsonfieldreader.h"

#include "common/utc.h"
#include "jsonread.h"

#include <QJsonValue>

namespace {

bool digits(const char *p, int count, int *out)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        value = value * 10 + (p[i] - '0');
    }
    *out = value;
    return true;
}

// "YYYY-MM-DD" at p (at least 10 bytes); anything else is left to QDate::fromString.
bool quickDate(const char *p, QDate *out)
{
    int y = 0, m = 0, d = 0;
    if (p[4] != '-' || p[7] != '-' || !digits(p, 4, &y) || !digits(p + 5, 2, &m) ||
        !digits(p + 8, 2, &d) || y == 0)
        return false;
    *out = QDate(y, m, d);
    return true;
}

// "YYYY-MM-DDTHH:MM:SSZ", the form Procore sends; anything else is left to QDateTime.
bool quickDateTime(const JsonScanner::Text &text, QDateTime *out)
{
    const char *p = text.begin;
    QDate date;
    int h = 0, m = 0, s = 0;
    if (text.escaped || text.end - p != 20 || !quickDate(p, &date) || !date.isValid() ||
        p[10] != 'T' || p[13] != ':' || p[16] != ':' || p[19] != 'Z' || !digits(p + 11, 2, &h) ||
        !digits(p + 14, 2, &m) || !digits(p + 17, 2, &s) || h >= 24 || m >= 60 || s >= 60)
        return false;
    *out = QDateTime(date, QTime(h, m, s), Utc::zone);
    return true;
}

} // namespace

template<typename T, typename Read>
bool JsonFieldReader::read(QLatin1String field, Type wanted, const char *expected, T *value,
                           T ifNull, Outcome *out, Read readPresent)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = std::move(ifNull);
        return m_scan.null();
    }
    if (type != wanted) {
        out->ok = false;
        out->why = QStringLiteral("field \"%1\" is %2, expected %3")
                       .arg(field, JsonScanner::typeName(type), QLatin1String(expected));
        return m_scan.skip(1);
    }
    return readPresent();
}

QString JsonFieldReader::interned(const Text &text)
{
    if (text.escaped)
        return JsonScanner::toString(text);
    const auto it = m_interned.constFind(text.view());
    if (it != m_interned.cend())
        return *it;
    return *m_interned.insert(text.view(), JsonScanner::toString(text));
}

bool JsonFieldReader::readId(QLatin1String field, qint64 *value, Outcome *out)
{
    static constexpr char expected[] = "an ID (a positive whole number)";
    return read(field, Type::Number, expected, value, qint64(0), out, [&] {
        JsonScanner::Number n;
        if (!m_scan.number(&n))
            return false;
        qint64 id = 0;
        if (JsonScanner::wholeNumber(n, &id) && id > 0) {
            *value = id;
            return true;
        }
        out->ok = false;
        out->why =
            QStringLiteral("field \"%1\" is %2, expected %3")
                .arg(field, QString::fromLatin1(n.begin, n.end - n.begin), QLatin1String(expected));
        return true;
    });
}

bool JsonFieldReader::readText(QLatin1String field, QString *value, bool intern, Outcome *out)
{
    return read(field, Type::String, "a string", value, QString(), out, [&] {
        Text text;
        if (!m_scan.string(&text))
            return false;
        *value = intern ? interned(text) : JsonScanner::toString(text);
        return true;
    });
}

bool JsonFieldReader::readBool(QLatin1String field, bool *value, Outcome *out)
{
    return read(field, Type::Bool, "a boolean", value, true, out,
                [&] { return m_scan.boolean(value); });
}

bool JsonFieldReader::readDate(QLatin1String field, QDate *value, Outcome *out)
{
    return read(field, Type::String, "a date string", value, QDate(), out, [&] {
        Text text;
        if (!m_scan.string(&text))
            return false;
        if (text.escaped || text.end - text.begin < 10 || !quickDate(text.begin, value))
            JsonRead::date(QJsonValue(JsonScanner::toString(text)), field, value, &out->why);
        return true;
    });
}

bool JsonFieldReader::readDateTime(QLatin1String field, QDateTime *value, Outcome *out)
{
    return read(field, Type::String, "a timestamp string", value, QDateTime(), out, [&] {
        Text text;
        if (!m_scan.string(&text))
            return false;
        if (!quickDateTime(text, value))
            JsonRead::dateTime(QJsonValue(JsonScanner::toString(text)), field, value, &out->why);
        return true;
    });
}

bool JsonFieldReader::readRef(QLatin1String field, qint64 *id, QString *name, Outcome *out)
{
    if (m_scan.peek() == Type::Null) {
        *id = 0;
        *name = QString();
        return m_scan.null();
    }
    bool unused = false;
    return read(field, Type::Object, "an object", &unused, false, out, [&] {
        qint64 newId = 0;
        QString newName;
        Outcome idOutcome, nameOutcome;
        const bool read = m_scan.members([&](const Text &key) {
            QByteArray decoded;
            QByteArrayView keyBytes = key.view();
            if (key.escaped) {
                decoded = JsonScanner::toString(key).toUtf8();
                keyBytes = decoded;
            }
            if (keyBytes == "id") {
                idOutcome = {};
                return readId(QLatin1String("id"), &newId, &idOutcome);
            }
            if (keyBytes == "name") {
                nameOutcome = {};
                return readText(QLatin1String("name"), &newName, true, &nameOutcome);
            }
            return m_scan.skip(2);
        });
        if (!read)
            return false;
        if (!idOutcome.ok || !nameOutcome.ok) {
            out->ok = false;
            out->why =
                QStringLiteral("%1.%2").arg(field, !idOutcome.ok ? idOutcome.why : nameOutcome.why);
            return true;
        }
        *id = newId;
        *name = newName;
        return true;
    });
}
