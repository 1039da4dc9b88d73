#pragma once

#include <QString>
#include <QStringView>

#include <initializer_list>

// Keys computed once per row so sorting and filtering 20,000 projects never needs a locale
// collator or a regular expression per comparison.
namespace SortKey {

// Case-folded text whose digit runs are zero-padded, so a plain QString comparison orders
// "Tower 9" before "Tower 10" ("natural-ish" order, locale-independent).
QString natural(QStringView text);

// Case-folded text for substring search (QString::contains without case folding per row).
// Folding is per UTF-16 unit (QChar::toCaseFolded), so a key is as long as its text.
QString search(QStringView text);
// The parts folded and joined with newlines, which no typed search contains, so a match never
// runs from the end of one field into the next.
QString search(std::initializer_list<QStringView> parts);

} // namespace SortKey
