#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// application/x-www-form-urlencoded and query strings, decoded the way Rails (Procore) does:
// '+' is a space, %XX is a byte, the bytes are UTF-8. Kept apart from QUrlQuery because
// QUrlQuery leaves '+' alone and re-encodes delimiters, which would hide client bugs.
namespace FormEncoding {
using Items = QList<QPair<QString, QString>>;

Items parse(const QByteArray &encoded);
// Every byte outside RFC 3986's unreserved set is percent-encoded.
QByteArray encode(const QString &value);
QByteArray build(const Items &items);
// Value of key; the last one wins when it repeats, as in Rails. *present tells an empty
// value from a missing one.
QString value(const Items &items, const QString &key, bool *present = nullptr);
} // namespace FormEncoding
