#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// A tokenizer that reads JSON exactly as QJsonDocument does (its leniencies and its refusals),
// for readers that build their values straight from the bytes (ProjectPageParser). Errors are
// sticky: the first one is kept, with its offset, and every call after it fails.
class JsonScanner final
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object, Invalid };

    // A string as it is in the input: without the quotes, escapes not yet decoded.
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
        bool integer = true; // no fraction digits and no exponent
    };

    explicit JsonScanner(const QByteArray &json);

    // "a number", "a string", ... for messages.
    static QString typeName(Type type);

    // The type of the value at the current position (after whitespace); Invalid at the end, at
    // a separator or a closing bracket.
    Type peek();
    bool atEnd();
    // Consumes `c` if it is next (after whitespace).
    bool take(char c);
    bool fail(const QString &why);
    QString error() const { return m_error; }

    bool literal(const char *word, qsizetype size);
    bool null() { return literal("null", 4); }
    // true/false at the current position into *out.
    bool boolean(bool *out);
    bool string(Text *text);
    bool number(Number *number);
    // Any value, checked but not kept.
    bool skip(int depth = 0);

    // Walk an object after its '{' was taken: each call reads the next key and its ':'; *done
    // is set at the closing '}'. `first` starts true.
    bool nextMember(bool *first, Text *key, bool *done);
    // Walk an array after its '[' was taken; *done at the closing ']'.
    bool nextElement(bool *first, bool *done);
    // The object or array at the current position, whole: `member(key)` / `element()` must
    // consume each value and return false only for broken JSON.
    template<typename Member> bool members(Member &&member);
    template<typename Element> bool elements(Element &&element);

    static QString toString(const Text &text);
    // The integer a number denotes, if it is whole and fits in 64 bits (QJsonValue::toInteger).
    static bool wholeNumber(const Number &number, qint64 *out);

private:
    void ws();
    bool utf8(const char **q);

    const char *m_start;
    const char *m_p;
    const char *m_end;
    QString m_error;
};

template<typename Member> bool JsonScanner::members(Member &&member)
{
    take('{');
    bool first = true;
    for (;;) {
        Text key;
        bool done = false;
        if (!nextMember(&first, &key, &done))
            return false;
        if (done)
            return true;
        if (!member(key))
            return false;
    }
}

template<typename Element> bool JsonScanner::elements(Element &&element)
{
    take('[');
    bool first = true;
    for (;;) {
        bool done = false;
        if (!nextElement(&first, &done))
            return false;
        if (done)
            return true;
        if (!element())
            return false;
    }
}

// Small and called for every token: inline.
inline void JsonScanner::ws()
{
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
        ++m_p;
}

inline bool JsonScanner::atEnd()
{
    ws();
    return m_p == m_end;
}

inline bool JsonScanner::take(char c)
{
    ws();
    if (m_p < m_end && *m_p == c) {
        ++m_p;
        return true;
    }
    return false;
}

inline JsonScanner::Type JsonScanner::peek()
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
