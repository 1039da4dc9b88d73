#include "formencoding.h"

#include <QUrl>

namespace FormEncoding {

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Invalid escapes stay as they are (QByteArray::fromPercentEncoding would mangle them).
static QString decodeComponent(const QByteArray &part)
{
    QByteArray bytes;
    bytes.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        const char c = part.at(i);
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < part.size() && hexValue(part.at(i + 1)) >= 0 &&
                   hexValue(part.at(i + 2)) >= 0) {
            bytes += char(hexValue(part.at(i + 1)) * 16 + hexValue(part.at(i + 2)));
            i += 2;
        } else {
            bytes += c;
        }
    }
    return QString::fromUtf8(bytes);
}

Items parse(const QByteArray &encoded)
{
    Items items;
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            items.append({decodeComponent(pair), QString()});
        else
            items.append({decodeComponent(pair.left(eq)), decodeComponent(pair.mid(eq + 1))});
    }
    return items;
}

QByteArray encode(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

QByteArray build(const Items &items)
{
    QByteArray out;
    for (const auto &[key, value] : items) {
        if (!out.isEmpty())
            out += '&';
        out += encode(key) + '=' + encode(value);
    }
    return out;
}

QString value(const Items &items, const QString &key, bool *present)
{
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        if (it->first == key) {
            if (present)
                *present = true;
            return it->second;
        }
    }
    if (present)
        *present = false;
    return {};
}

} // namespace FormEncoding
