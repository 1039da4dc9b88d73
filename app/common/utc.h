#pragma once

#include <QDateTime>
#include <QTimeZone>

// UTC as a QDateTime time representation on every Qt we build with:
//   QDateTime::fromSecsSinceEpoch(secs, Utc::zone), QDateTime(date, time, Utc::zone).
// Qt 6.5 added QTimeZone::UTC, a lightweight UTC that replaces Qt::UTC, and Qt 6.8 deprecates
// the Qt::TimeSpec overloads. Qt 6.4 has only those: its QTimeZone::utc() is a full zone whose
// dates report Qt::TimeZone and print "+00:00" instead of "Z".
namespace Utc {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
inline constexpr QTimeZone::Initialization zone = QTimeZone::UTC;
#else
inline constexpr Qt::TimeSpec zone = Qt::UTC;
#endif
} // namespace Utc
