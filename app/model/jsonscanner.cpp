#include "jsonscanner.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

namespace {

constexpr int MaxDepth = 1024; // QJsonDocument's nesting limit

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

// QString::fromUtf8 drops a byte order mark at the start of its input. QJsonDocument decodes a
// string with escapes character by character and keeps every U+FEFF in it, so the runs between
// escapes must too (found by fuzz/fuzz_projectpage). A string without escapes goes through
// QString::fromUtf8 in both, leading mark dropped.
QString keepingBom(const char *begin, qsizetype size)
{
    QString marks;
    while (size >= 3 && memcmp(begin, "\xef\xbb\xbf", 3) == 0) { // each one would be dropped
        marks += QChar(0xfeff);
        begin += 3;
        size -= 3;
    }
    return marks + QString::fromUtf8(begin, size);
}

} // namespace

JsonScanner::JsonScanner(const QByteArray &json)
    : m_start(json.constData())
    , m_p(json.constData())
    , m_end(json.constData() + json.size())
{
    // A UTF-8 byte order mark is skipped, as QJsonDocument does.
    if (m_end - m_p >= 3 && memcmp(m_p, "\xef\xbb\xbf", 3) == 0)
        m_p += 3;
}

QString JsonScanner::typeName(Type type)
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

bool JsonScanner::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("not JSON: %1 at offset %2").arg(why).arg(m_p - m_start);
    return false;
}

bool JsonScanner::literal(const char *word, qsizetype size)
{
    if (m_end - m_p < size || memcmp(m_p, word, size_t(size)) != 0)
        return fail(QStringLiteral("illegal value"));
    m_p += size;
    return true;
}

bool JsonScanner::boolean(bool *out)
{
    *out = m_p < m_end && *m_p == 't';
    return *out ? literal("true", 4) : literal("false", 5);
}

// One UTF-8 sequence starting at *q (a byte >= 0x80): well-formed, shortest form, no
// surrogates, at most U+10FFFF.
bool JsonScanner::utf8(const char **q)
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

bool JsonScanner::string(Text *text)
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

QString JsonScanner::toString(const Text &text)
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
        out += keepingBom(run, q - run);
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
    out += keepingBom(run, q - run);
    return out;
}

// QJsonDocument's number grammar, which is looser than RFC 8259 (".5", "1." pass), and its
// check that the value fits a double (1e400 and 1e-400 are refused).
bool JsonScanner::number(Number *number)
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
bool JsonScanner::wholeNumber(const Number &number, qint64 *out)
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

bool JsonScanner::skip(int depth)
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
        return elements([&] { return skip(depth + 1); });
    case Type::Object:
        return members([&](const Text &) { return skip(depth + 1); });
    case Type::Invalid:
        break;
    }
    return fail(QStringLiteral("illegal value"));
}

bool JsonScanner::nextMember(bool *first, Text *key, bool *done)
{
    *done = false;
    if (*first) {
        *first = false;
        if (take('}')) {
            *done = true;
            return true;
        }
    } else if (!take(',')) {
        if (take('}')) {
            *done = true;
            return true;
        }
        return fail(QStringLiteral("missing object separator"));
    }
    ws();
    if (m_p >= m_end || *m_p != '"')
        return fail(QStringLiteral("expected a key"));
    if (!string(key))
        return false;
    if (!take(':'))
        return fail(QStringLiteral("missing name separator"));
    return true;
}

bool JsonScanner::nextElement(bool *first, bool *done)
{
    *done = false;
    if (*first) {
        *first = false;
        if (take(']'))
            *done = true;
        return true;
    }
    if (take(','))
        return true;
    if (take(']')) {
        *done = true;
        return true;
    }
    return fail(QStringLiteral("missing value separator"));
}
