#include "sortkey.h"

namespace SortKey {

namespace {
constexpr int DigitWidth = 20; // qint64 has at most 19 digits
}

QString natural(QStringView text)
{
    const QString folded = text.trimmed().toString().toCaseFolded();
    QString key;
    key.reserve(folded.size() + 8);
    const qsizetype n = folded.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = folded.at(i);
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            key.append(c);
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < n && folded.at(end) >= QLatin1Char('0') && folded.at(end) <= QLatin1Char('9'))
            ++end;
        qsizetype start = i;
        while (start < end - 1 && folded.at(start) == QLatin1Char('0'))
            ++start;
        const qsizetype digits = end - start;
        if (digits < DigitWidth)
            key.append(QString(DigitWidth - digits, QLatin1Char('0')));
        key.append(QStringView(folded).mid(start, digits));
        i = end;
    }
    return key;
}

QString search(QStringView text)
{
    return text.toString().toCaseFolded();
}

} // namespace SortKey
