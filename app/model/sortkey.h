#pragma once

#include <QString>
#include <QStringView>

// Keys computed once per row so sorting and filtering 20,000 projects never needs a locale
// collator or a regular expression per comparison.
namespace SortKey {

// Case-folded text whose digit runs are zero-padded, so a plain QString comparison orders
// "Tower 9" before "Tower 10" ("natural-ish" order, locale-independent).
QString natural(QStringView text);

// Case-folded text for substring search (QString::contains without case folding per row).
QString search(QStringView text);

} // namespace SortKey
