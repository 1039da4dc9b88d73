#include "keychainchunks.h"

#include <QCryptographicHash>

namespace KeychainChunks {

namespace {

const QByteArray kMagic = QByteArrayLiteral("PDCHUNKS/1 ");

QByteArray checksum(const QByteArray &value)
{
    return QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex().left(16);
}

QByteArray header(int count, const QByteArray &value)
{
    return kMagic + QByteArray::number(count) + ' ' + checksum(value) + '\n';
}

struct Header
{
    int count = 0;
    QByteArray sum;
    int length = 0;
};

Header parseHeader(const QByteArray &first)
{
    Header h;
    if (!first.startsWith(kMagic))
        return h;
    const int newline = first.indexOf('\n');
    if (newline < 0 || newline > 64)
        return h;
    const QList<QByteArray> parts = first.mid(kMagic.size(), newline - kMagic.size()).split(' ');
    if (parts.size() != 2 || parts.at(1).size() != 16)
        return h;
    bool ok = false;
    const int count = parts.at(0).toInt(&ok);
    if (!ok || count < 1 || count > 1000 || QByteArray::number(count) != parts.at(0))
        return h;
    h.count = count;
    h.sum = parts.at(1);
    h.length = newline + 1;
    return h;
}

} // namespace

QList<QByteArray> split(const QByteArray &value, int limit)
{
    if (limit <= 0 || (value.size() <= limit && !value.startsWith(kMagic)))
        return {value};
    limit = qMax(limit, kMinimumLimit);
    // The header's length depends on the count's digits; settle it by iterating.
    int count = 1;
    for (;;) {
        const int firstPayload = limit - int(header(count, value).size());
        const int rest = qMax(0, int(value.size()) - firstPayload);
        const int needed = 1 + (rest + limit - 1) / limit;
        if (needed == count)
            break;
        count = needed;
    }
    QList<QByteArray> entries;
    const QByteArray head = header(count, value);
    const int firstPayload = limit - int(head.size());
    entries.append(head + value.left(firstPayload));
    for (qsizetype offset = firstPayload; offset < value.size(); offset += limit)
        entries.append(value.mid(offset, limit));
    Q_ASSERT(entries.size() == count);
    return entries;
}

int chunkCount(const QByteArray &first)
{
    if (!first.startsWith(kMagic))
        return 1;
    return parseHeader(first).count;
}

QByteArray join(const QList<QByteArray> &entries, bool *ok)
{
    *ok = false;
    if (entries.isEmpty())
        return {};
    const QByteArray &first = entries.first();
    if (!first.startsWith(kMagic)) {
        *ok = entries.size() == 1;
        return *ok ? first : QByteArray();
    }
    const Header h = parseHeader(first);
    if (h.count != entries.size())
        return {};
    QByteArray value = first.mid(h.length);
    for (int i = 1; i < entries.size(); ++i)
        value += entries.at(i);
    if (checksum(value) != h.sum)
        return {};
    *ok = true;
    return value;
}

QString entryKey(const QString &key, int index)
{
    return index == 0 ? key : key + QLatin1Char('#') + QString::number(index);
}

} // namespace KeychainChunks
