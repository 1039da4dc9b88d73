#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Windows limits one credential blob to 2,560 bytes. A larger value is split over the entries
// `key`, `key#1`, `key#2`…; the first one starts with a header naming the chunk count and a
// checksum of the whole value, so a half-written set (crash between two writes) is detected
// instead of joined into garbage. Values that fit are stored unchanged. Pure functions.
namespace KeychainChunks {

constexpr int kWindowsLimit = 2560;
constexpr int kMinimumLimit = 128;

// Entry values, first one first. `limit` <= 0 means "no limit" (one entry).
QList<QByteArray> split(const QByteArray &value, int limit);
// How many entries the value whose first entry is `first` spans; 0 when the header is damaged.
int chunkCount(const QByteArray &first);
// The value, or false in *ok when the entries do not form one intact value.
QByteArray join(const QList<QByteArray> &entries, bool *ok);
// `key` for index 0, `key#<index>` after that.
QString entryKey(const QString &key, int index);

} // namespace KeychainChunks
