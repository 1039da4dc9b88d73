#include "sortkey.h"

namespace SortKey {

namespace {

constexpr int DigitWidth = 20; // qint64 has at most 19 digits

// Case folding with an ASCII fast path: the keys of 20,000 rows are built while pages arrive.
inline char16_t fold(char16_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? char16_t(c + ('a' - 'A')) : c;
    return QChar(c).toCaseFolded().unicode();
}

inline bool isDigit(char16_t c)
{
    return c >= '0' && c <= '9';
}

} // namespace

QString natural(QStringView text)
{
    text = text.trimmed();
    const qsizetype n = text.size();
    QString key(n + 2 * DigitWidth, Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(key.data());
    qsizetype used = 0;
    const char16_t *in = text.utf16();
    qsizetype i = 0;
    while (i < n) {
        if (!isDigit(in[i])) {
            if (used == key.size()) {
                key.resize(used * 2);
                out = reinterpret_cast<char16_t *>(key.data());
            }
            out[used++] = fold(in[i++]);
            continue;
        }
        qsizetype end = i;
        while (end < n && isDigit(in[end]))
            ++end;
        qsizetype start = i;
        while (start < end - 1 && in[start] == '0')
            ++start;
        const qsizetype digits = end - start;
        const qsizetype pad = digits < DigitWidth ? DigitWidth - digits : 0;
        if (used + pad + digits > key.size()) {
            key.resize(std::max(key.size() * 2, used + pad + digits));
            out = reinterpret_cast<char16_t *>(key.data());
        }
        for (qsizetype p = 0; p < pad; ++p)
            out[used++] = u'0';
        for (qsizetype d = start; d < end; ++d)
            out[used++] = in[d];
        i = end;
    }
    key.truncate(used);
    return key;
}

QString search(QStringView text)
{
    QString key(text.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(key.data());
    const char16_t *in = text.utf16();
    for (qsizetype i = 0; i < text.size(); ++i)
        out[i] = fold(in[i]);
    return key;
}

QString search(std::initializer_list<QStringView> parts)
{
    qsizetype size = 0;
    for (QStringView part : parts)
        size += part.size() + 1;
    QString key(std::max<qsizetype>(0, size - 1), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(key.data());
    bool first = true;
    for (QStringView part : parts) {
        if (!first)
            *out++ = u'\n';
        first = false;
        const char16_t *in = part.utf16();
        for (qsizetype i = 0; i < part.size(); ++i)
            *out++ = fold(in[i]);
    }
    return key;
}

} // namespace SortKey
