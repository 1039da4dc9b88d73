#include "formencoding.h"

#include <QUrl>

namespace FormEncoding {

static QString decodeComponent(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
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
    for (const auto &item : items) {
        if (item.first == key) {
            if (present)
                *present = true;
            return item.second;
        }
    }
    if (present)
        *present = false;
    return {};
}

} // namespace FormEncoding
