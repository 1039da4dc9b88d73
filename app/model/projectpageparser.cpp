#include "projectpageparser.h"

#include "jsonread.h"

#include <QByteArrayView>
#include <QHash>

#include <array>
#include <cstring>

#include <charconv>
#include <cmath>
#include <limits>

namespace {

constexpr int MaxDepth = 1024; // QJsonDocument's nesting limit

enum class Type { Null, Bool, Number, String, Array, Object, Invalid };

QString typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("a boolean");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::String:
        return QStringLiteral("a string");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::Object:
        return QStringLiteral("an object");
    case Type::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

// The fields of a project, in the order Project::fromJson checks them (errors name the first).
enum Field {
    FId,
    FName,
    FDisplayName,
    FNumber,
    FAddress,
    FCity,
    FState,
    FCountry,
    FZip,
    FTimeZone,
    FStage,
    FProjectStage,
    FPhone,
    FActive,
    FStartDate,
    FCompletionDate,
    FCreatedAt,
    FUpdatedAt,
    FCompany,
    FieldCount,
    FUnknown = FieldCount
};

struct Text
{
    const char *begin = nullptr;
    const char *end = nullptr;
    bool escaped = false;
    QByteArrayView view() const { return QByteArrayView(begin, end - begin); }
};

struct Number
{
    const char *begin = nullptr;
    const char *end = nullptr;
    bool integer = true;
};

class Parser
{
public:
    explicit Parser(const QByteArray &json)
        : m_start(json.constData())
        , m_p(json.constData())
        , m_end(json.constData() + json.size())
    {}

    std::optional<QList<Project>> run(QString *error);

private:
    bool fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("not JSON: %1 at offset %2").arg(why).arg(m_p - m_start);
        return false;
    }
    void ws()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    Type peek();
    bool literal(const char *word, qsizetype size);
    bool string(Text *text);
    bool utf8(const char **q);
    bool number(Number *number);
    bool skip(int depth);
    QString toString(const Text &text);
    QString interned(const Text &text);
    bool project(Project *out, QString *semanticError);
    bool ref(QLatin1String field, qint64 *id, QString *name, bool *ok, QString *why);
    bool readId(QLatin1String field, qint64 *out, bool *ok, QString *why);
    bool readText(QLatin1String field, QString *out, bool intern, bool *ok, QString *why);
    bool readBool(QLatin1String field, bool *out, bool *ok, QString *why);
    bool readDate(QLatin1String field, QDate *out, bool *ok, QString *why);
    bool readDateTime(QLatin1String field, QDateTime *out, bool *ok, QString *why);
    static Field field(const Text &key, const QString &decoded);
    static bool wholeNumber(const Number &number, qint64 *out);

    const char *m_start;
    const char *m_p;
    const char *m_end;
    QString m_error;
    QHash<QByteArrayView, QString> m_interned;
};

Type Parser::peek()
{
    ws();
    if (m_p >= m_end)
        return Type::Invalid;
    switch (*m_p) {
    case '"':
        return Type::String;
    case '{':
        return Type::Object;
    case '[':
        return Type::Array;
    case 't':
    case 'f':
        return Type::Bool;
    case 'n':
        return Type::Null;
    default:
        break;
    }
    // Like QJsonDocument, anything else is tried as a number (".5" is one).
    if (*m_p == ']' || *m_p == '}' || *m_p == ',' || *m_p == ':')
        return Type::Invalid;
    return Type::Number;
}

bool Parser::literal(const char *word, qsizetype size)
{
    if (m_end - m_p < size || memcmp(m_p, word, size_t(size)) != 0)
        return fail(QStringLiteral("illegal value"));
    m_p += size;
    return true;
}

// One UTF-8 sequence starting at *q (a byte >= 0x80): well-formed, shortest form, no
// surrogates, at most U+10FFFF.
bool Parser::utf8(const char **q)
{
    const auto *s = reinterpret_cast<const unsigned char *>(*q);
    const auto *e = reinterpret_cast<const unsigned char *>(m_end);
    const unsigned char c = *s;
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        if (c == 0xe0)
            low = 0xa0;
        else if (c == 0xed)
            high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        if (c == 0xf0)
            low = 0x90;
        else if (c == 0xf4)
            high = 0x8f;
    } else {
        return fail(QStringLiteral("invalid UTF-8 string"));
    }
    if (e - s < length || s[1] < low || s[1] > high)
        return fail(QStringLiteral("invalid UTF-8 string"));
    for (int i = 2; i < length; ++i) {
        if (s[i] < 0x80 || s[i] > 0xbf)
            return fail(QStringLiteral("invalid UTF-8 string"));
    }
    *q += length;
    return true;
}

bool Parser::string(Text *text)
{
    ++m_p; // the opening quote
    const char *q = m_p;
    text->begin = q;
    text->escaped = false;
    while (q < m_end) {
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            text->end = q;
            m_p = q + 1;
            return true;
        }
        if (c == '\\') {
            text->escaped = true;
            if (m_end - q < 2)
                break;
            if (q[1] == 'u') {
                if (m_end - q < 6) {
                    m_p = q;
                    return fail(QStringLiteral("invalid escape sequence"));
                }
                for (int i = 2; i < 6; ++i) {
                    if (!isxdigit(static_cast<unsigned char>(q[i]))) {
                        m_p = q;
                        return fail(QStringLiteral("invalid escape sequence"));
                    }
                }
                q += 6;
                continue;
            }
            // Any other escaped byte stands for the Latin-1 character of that byte, as in
            // QJsonDocument ("\\x" is "x"; a backslash before a UTF-8 lead byte breaks the
            // sequence it starts).
            q += 2;
            continue;
        }
        // Control characters pass, as in QJsonDocument.
        if (c >= 0x80) {
            if (!utf8(&q)) {
                m_p = q;
                return false;
            }
            continue;
        }
        ++q;
    }
    m_p = m_end;
    return fail(QStringLiteral("unterminated string"));
}

QString Parser::toString(const Text &text)
{
    if (!text.escaped)
        return QString::fromUtf8(text.begin, text.end - text.begin);
    QString out;
    out.reserve(text.end - text.begin);
    const char *q = text.begin;
    const char *run = q;
    while (q < text.end) {
        if (*q != '\\') {
            ++q;
            continue;
        }
        out += QString::fromUtf8(run, q - run);
        const char e = q[1];
        switch (e) {
        case 'b':
            out += QLatin1Char('\b');
            break;
        case 'f':
            out += QLatin1Char('\f');
            break;
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'u': {
            unsigned int unit = 0;
            std::from_chars(q + 2, q + 6, unit, 16);
            out += QChar(char16_t(unit));
            q += 6;
            run = q;
            continue;
        }
        default:
            out += QChar(char16_t(static_cast<unsigned char>(e)));
            break;
        }
        q += 2;
        run = q;
    }
    out += QString::fromUtf8(run, q - run);
    return out;
}

QString Parser::interned(const Text &text)
{
    if (text.escaped)
        return toString(text);
    const QByteArrayView key = text.view();
    auto it = m_interned.constFind(key);
    if (it != m_interned.cend())
        return *it;
    return *m_interned.insert(key, toString(text));
}

// A finite double, or nothing. from_chars is the fast path; it refuses forms QJsonDocument
// takes (".5"), which go through Qt's own conversion.
std::optional<double> toDouble(const char *begin, const char *end)
{
    double value = 0;
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && stop == end)
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    if (ec == std::errc::result_out_of_range)
        return std::nullopt;
    bool ok = false;
    value = QByteArray::fromRawData(begin, end - begin).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// QJsonDocument's number grammar, which is looser than RFC 8259 (".5", "1." pass), and its
// check that the value fits a double (1e400 and 1e-400 are refused).
bool Parser::number(Number *number)
{
    const char *q = m_p;
    number->begin = q;
    number->integer = true;
    if (q < m_end && *q == '-')
        ++q;
    if (q < m_end && *q == '0') {
        ++q;
    } else {
        while (q < m_end && *q >= '0' && *q <= '9')
            ++q;
    }
    if (q < m_end && *q == '.') {
        ++q;
        while (q < m_end && *q >= '0' && *q <= '9') {
            number->integer = false;
            ++q;
        }
    }
    if (q < m_end && (*q == 'e' || *q == 'E')) {
        number->integer = false;
        ++q;
        if (q < m_end && (*q == '+' || *q == '-'))
            ++q;
        while (q < m_end && *q >= '0' && *q <= '9')
            ++q;
    }
    number->end = q;
    if (number->integer) {
        qint64 asInteger = 0;
        const auto [end, ec] = std::from_chars(number->begin, q, asInteger);
        if (ec == std::errc() && end == q) {
            m_p = q;
            return true;
        }
    }
    if (!toDouble(number->begin, q))
        return fail(QStringLiteral("illegal number"));
    m_p = q;
    return true;
}

// What QJsonValue::toInteger() would say: integers that fit in 64 bits as they are, other
// numbers only when they are whole and within range.
bool Parser::wholeNumber(const Number &number, qint64 *out)
{
    if (number.integer) {
        qint64 value = 0;
        const auto [end, ec] = std::from_chars(number.begin, number.end, value);
        if (ec == std::errc() && end == number.end) {
            *out = value;
            return true;
        }
    }
    const std::optional<double> parsed = toDouble(number.begin, number.end);
    if (!parsed)
        return false;
    const double value = *parsed;
    if (!std::isfinite(value) || value != std::trunc(value) || value < -9223372036854775808.0 ||
        value >= 9223372036854775808.0)
        return false;
    *out = qint64(value);
    return true;
}

bool Parser::skip(int depth)
{
    if (depth > MaxDepth)
        return fail(QStringLiteral("too deeply nested"));
    switch (peek()) {
    case Type::String: {
        Text ignored;
        return string(&ignored);
    }
    case Type::Number: {
        Number ignored;
        return number(&ignored);
    }
    case Type::Bool:
        return *m_p == 't' ? literal("true", 4) : literal("false", 5);
    case Type::Null:
        return literal("null", 4);
    case Type::Array:
        ++m_p;
        if (peek() == Type::Invalid && m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (!skip(depth + 1))
                return false;
            ws();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            return fail(QStringLiteral("missing value separator"));
        }
    case Type::Object:
        ++m_p;
        ws();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            ws();
            Text key;
            if (m_p >= m_end || *m_p != '"')
                return fail(QStringLiteral("expected a key"));
            if (!string(&key))
                return false;
            ws();
            if (m_p >= m_end || *m_p != ':')
                return fail(QStringLiteral("missing name separator"));
            ++m_p;
            if (!skip(depth + 1))
                return false;
            ws();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            return fail(QStringLiteral("missing object separator"));
        }
    case Type::Invalid:
        break;
    }
    return fail(QStringLiteral("illegal value"));
}

Field Parser::field(const Text &key, const QString &decoded)
{
    static const QHash<QByteArrayView, Field> fields{
        {"id", FId},
        {"name", FName},
        {"display_name", FDisplayName},
        {"project_number", FNumber},
        {"address", FAddress},
        {"city", FCity},
        {"state_code", FState},
        {"country_code", FCountry},
        {"zip", FZip},
        {"time_zone", FTimeZone},
        {"stage", FStage},
        {"project_stage", FProjectStage},
        {"phone", FPhone},
        {"active", FActive},
        {"start_date", FStartDate},
        {"completion_date", FCompletionDate},
        {"created_at", FCreatedAt},
        {"updated_at", FUpdatedAt},
        {"company", FCompany},
    };
    if (!key.escaped)
        return fields.value(key.view(), FUnknown);
    const QByteArray utf8 = decoded.toUtf8();
    return fields.value(QByteArrayView(utf8), FUnknown);
}

// Each reader consumes one value. A wrong type sets *ok = false and *why (the document stays
// readable: a later duplicate key may still fix the field, as in QJsonObject); a missing or
// null value resets the field to its default. The bool result is false only for broken JSON.
bool Parser::readId(QLatin1String field, qint64 *out, bool *ok, QString *why)
{
    const Type type = peek();
    if (type == Type::Null) {
        *out = 0;
        *ok = true;
        return literal("null", 4);
    }
    if (type != Type::Number) {
        *ok = false;
        *why = QStringLiteral("field \"%1\" is %2, expected an ID (a positive whole number)")
                   .arg(field, typeName(type));
        return skip(1);
    }
    Number n;
    if (!number(&n))
        return false;
    qint64 value = 0;
    *ok = wholeNumber(n, &value) && value > 0;
    if (*ok)
        *out = value;
    else
        *why = QStringLiteral("field \"%1\" is %2, expected an ID (a positive whole number)")
                   .arg(field, QString::fromLatin1(n.begin, n.end - n.begin));
    return true;
}

bool Parser::readText(QLatin1String field, QString *out, bool intern, bool *ok, QString *why)
{
    const Type type = peek();
    *ok = true;
    if (type == Type::Null) {
        *out = QString();
        return literal("null", 4);
    }
    if (type != Type::String) {
        *ok = false;
        *why = QStringLiteral("field \"%1\" is %2, expected a string").arg(field, typeName(type));
        return skip(1);
    }
    Text text;
    if (!string(&text))
        return false;
    *out = intern ? interned(text) : toString(text);
    return true;
}

bool Parser::readBool(QLatin1String field, bool *out, bool *ok, QString *why)
{
    const Type type = peek();
    *ok = true;
    if (type == Type::Null) {
        *out = true;
        return literal("null", 4);
    }
    if (type != Type::Bool) {
        *ok = false;
        *why = QStringLiteral("field \"%1\" is %2, expected a boolean").arg(field, typeName(type));
        return skip(1);
    }
    *out = *m_p == 't';
    return *out ? literal("true", 4) : literal("false", 5);
}

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
} // namespace

bool Parser::readDate(QLatin1String field, QDate *out, bool *ok, QString *why)
{
    const Type type = peek();
    *ok = true;
    if (type == Type::Null) {
        *out = QDate();
        return literal("null", 4);
    }
    if (type != Type::String) {
        *ok = false;
        *why =
            QStringLiteral("field \"%1\" is %2, expected a date string").arg(field, typeName(type));
        return skip(1);
    }
    Text text;
    if (!string(&text))
        return false;
    if (text.escaped || text.end - text.begin < 10 || !quickDate(text.begin, out)) {
        JsonRead::date(QJsonValue(toString(text)), field, out, why);
    }
    return true;
}

bool Parser::readDateTime(QLatin1String field, QDateTime *out, bool *ok, QString *why)
{
    const Type type = peek();
    *ok = true;
    if (type == Type::Null) {
        *out = QDateTime();
        return literal("null", 4);
    }
    if (type != Type::String) {
        *ok = false;
        *why = QStringLiteral("field \"%1\" is %2, expected a timestamp string")
                   .arg(field, typeName(type));
        return skip(1);
    }
    Text text;
    if (!string(&text))
        return false;
    // The common "YYYY-MM-DDTHH:MM:SSZ" directly; everything else the slow, general way.
    const char *p = text.begin;
    QDate date;
    int h = 0, m = 0, s = 0;
    if (!text.escaped && text.end - p == 20 && quickDate(p, &date) && date.isValid() &&
        p[10] == 'T' && p[13] == ':' && p[16] == ':' && p[19] == 'Z' && digits(p + 11, 2, &h) &&
        digits(p + 14, 2, &m) && digits(p + 17, 2, &s) && h < 24 && m < 60 && s < 60) {
        *out = QDateTime(date, QTime(h, m, s), Qt::UTC);
        return true;
    }
    JsonRead::dateTime(QJsonValue(toString(text)), field, out, why);
    return true;
}

// {id, name} objects (project_stage, company, stage as an object); other keys skipped.
bool Parser::ref(QLatin1String field, qint64 *id, QString *name, bool *ok, QString *why)
{
    const Type type = peek();
    *ok = true;
    if (type == Type::Null) {
        *id = 0;
        *name = QString();
        return literal("null", 4);
    }
    if (type != Type::Object) {
        *ok = false;
        *why = QStringLiteral("field \"%1\" is %2, expected an object").arg(field, typeName(type));
        return skip(1);
    }
    ++m_p;
    qint64 newId = 0;
    QString newName;
    bool idOk = true, nameOk = true;
    QString idWhy, nameWhy;
    ws();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
    } else {
        for (;;) {
            ws();
            Text key;
            if (m_p >= m_end || *m_p != '"')
                return fail(QStringLiteral("expected a key"));
            if (!string(&key))
                return false;
            ws();
            if (m_p >= m_end || *m_p != ':')
                return fail(QStringLiteral("missing name separator"));
            ++m_p;
            QByteArray decoded;
            QByteArrayView keyBytes = key.view();
            if (key.escaped) {
                decoded = toString(key).toUtf8();
                keyBytes = decoded;
            }
            if (keyBytes == "id") {
                if (!readId(QLatin1String("id"), &newId, &idOk, &idWhy))
                    return false;
            } else if (keyBytes == "name") {
                if (!readText(QLatin1String("name"), &newName, true, &nameOk, &nameWhy))
                    return false;
            } else if (!skip(2)) {
                return false;
            }
            ws();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                break;
            }
            return fail(QStringLiteral("missing object separator"));
        }
    }
    if (!idOk || !nameOk) {
        *ok = false;
        *why = QStringLiteral("%1.%2").arg(field, !idOk ? idWhy : nameWhy);
        return true;
    }
    *id = newId;
    *name = newName;
    return true;
}

bool Parser::project(Project *p, QString *semanticError)
{
    ++m_p; // '{'
    std::array<QString, FieldCount> why;
    quint32 bad = 0;
    bool idSeen = false;
    const auto note = [&](Field f, bool ok) {
        if (ok)
            bad &= ~(1u << f);
        else
            bad |= 1u << f;
    };
    ws();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
    } else {
        for (;;) {
            ws();
            Text key;
            if (m_p >= m_end || *m_p != '"')
                return fail(QStringLiteral("expected a key"));
            if (!string(&key))
                return false;
            ws();
            if (m_p >= m_end || *m_p != ':')
                return fail(QStringLiteral("missing name separator"));
            ++m_p;
            const Field f = field(key, key.escaped ? toString(key) : QString());
            bool ok = true;
            bool read = true;
            switch (f) {
            case FId:
                read = readId(QLatin1String("id"), &p->id, &ok, &why[f]);
                idSeen = ok && p->id != 0;
                if (!ok)
                    idSeen = false;
                break;
            case FName:
                read = readText(QLatin1String("name"), &p->name, false, &ok, &why[f]);
                break;
            case FDisplayName:
                read =
                    readText(QLatin1String("display_name"), &p->displayName, false, &ok, &why[f]);
                break;
            case FNumber:
                read = readText(QLatin1String("project_number"), &p->projectNumber, false, &ok,
                                &why[f]);
                break;
            case FAddress:
                read = readText(QLatin1String("address"), &p->address, false, &ok, &why[f]);
                break;
            case FCity:
                read = readText(QLatin1String("city"), &p->city, true, &ok, &why[f]);
                break;
            case FState:
                read = readText(QLatin1String("state_code"), &p->stateCode, true, &ok, &why[f]);
                break;
            case FCountry:
                read = readText(QLatin1String("country_code"), &p->countryCode, true, &ok, &why[f]);
                break;
            case FZip:
                read = readText(QLatin1String("zip"), &p->zip, true, &ok, &why[f]);
                break;
            case FTimeZone:
                read = readText(QLatin1String("time_zone"), &p->timeZone, true, &ok, &why[f]);
                break;
            case FStage:
                if (peek() == Type::Object) {
                    qint64 ignored = 0;
                    read = ref(QLatin1String("stage"), &ignored, &p->stage, &ok, &why[f]);
                } else {
                    read = readText(QLatin1String("stage"), &p->stage, true, &ok, &why[f]);
                }
                break;
            case FProjectStage:
                read =
                    ref(QLatin1String("project_stage"), &p->stageId, &p->stageName, &ok, &why[f]);
                break;
            case FPhone:
                read = readText(QLatin1String("phone"), &p->phone, false, &ok, &why[f]);
                break;
            case FActive:
                read = readBool(QLatin1String("active"), &p->active, &ok, &why[f]);
                break;
            case FStartDate:
                read = readDate(QLatin1String("start_date"), &p->startDate, &ok, &why[f]);
                break;
            case FCompletionDate:
                read = readDate(QLatin1String("completion_date"), &p->completionDate, &ok, &why[f]);
                break;
            case FCreatedAt:
                read = readDateTime(QLatin1String("created_at"), &p->createdAt, &ok, &why[f]);
                break;
            case FUpdatedAt:
                read = readDateTime(QLatin1String("updated_at"), &p->updatedAt, &ok, &why[f]);
                break;
            case FCompany:
                read = ref(QLatin1String("company"), &p->companyId, &p->companyName, &ok, &why[f]);
                break;
            case FUnknown:
                read = skip(2);
                break;
            }
            if (!read)
                return false;
            if (f != FUnknown)
                note(f, ok);
            ws();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                break;
            }
            return fail(QStringLiteral("missing object separator"));
        }
    }
    if (!idSeen && !(bad & 1u)) {
        bad |= 1u;
        why[FId] = QStringLiteral("field \"id\" is missing, expected an ID");
    }
    if (bad) {
        for (int f = 0; f < FieldCount; ++f) {
            if (bad & (1u << f)) {
                *semanticError = p->id > 0 && f != FId
                                     ? QStringLiteral("project %1: %2").arg(p->id).arg(why[f])
                                     : QStringLiteral("project: ") + why[f];
                break;
            }
        }
    }
    return true;
}

std::optional<QList<Project>> Parser::run(QString *error)
{
    const auto failed = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // A UTF-8 byte order mark is skipped, as QJsonDocument does.
    if (m_end - m_p >= 3 && memcmp(m_p, "\xef\xbb\xbf", 3) == 0)
        m_p += 3;
    const Type top = peek();
    if (top != Type::Array) {
        if (top == Type::Object && skip(0)) {
            ws();
            if (m_p == m_end)
                return failed(QStringLiteral("expected a JSON array of projects, got an object"));
        }
        fail(QStringLiteral("expected a JSON array"));
        return failed(m_error);
    }
    ++m_p;
    QList<Project> projects;
    projects.reserve(std::max<qsizetype>(16, (m_end - m_p) / 400));
    QString semanticError;
    ws();
    if (m_p < m_end && *m_p == ']') {
        ++m_p;
    } else {
        for (qsizetype index = 0;; ++index) {
            const Type type = peek();
            if (type == Type::Object) {
                Project p;
                QString why;
                if (!project(&p, &why))
                    return failed(m_error);
                if (!why.isEmpty() && semanticError.isEmpty())
                    semanticError = QStringLiteral("projects[%1]: %2").arg(index).arg(why);
                if (semanticError.isEmpty())
                    projects.append(std::move(p));
            } else {
                if (semanticError.isEmpty() && type != Type::Invalid)
                    semanticError = QStringLiteral("projects[%1] is %2, expected an object")
                                        .arg(index)
                                        .arg(typeName(type));
                if (!skip(1))
                    return failed(m_error);
            }
            ws();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                break;
            }
            fail(QStringLiteral("missing value separator"));
            return failed(m_error);
        }
    }
    ws();
    if (m_p != m_end) {
        fail(QStringLiteral("garbage at the end of the document"));
        return failed(m_error);
    }
    // A document QJsonDocument would refuse is refused as such; only then do field errors count.
    if (!semanticError.isEmpty())
        return failed(semanticError);
    return projects;
}

} // namespace

std::optional<QList<Project>> ProjectPageParser::parse(const QByteArray &json, QString *error)
{
    Parser parser(json);
    return parser.run(error);
}
