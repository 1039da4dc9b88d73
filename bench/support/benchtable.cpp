#include "benchtable.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

BenchTable::BenchTable(const QStringList &headers)
    : m_headers(headers)
{}

void BenchTable::addRow(const QStringList &cells)
{
    m_rows.append(cells);
}

QString BenchTable::toText() const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    const auto line = [&](const QStringList &cells) {
        QString text = QStringLiteral("|");
        for (qsizetype i = 0; i < widths.size(); ++i)
            text += u' ' + cells.value(i).leftJustified(widths.at(i)) + QStringLiteral(" |");
        return text + u'\n';
    };
    QString text = line(m_headers);
    QStringList rule;
    for (const qsizetype width : std::as_const(widths))
        rule.append(QString(width, u'-'));
    text += line(rule);
    for (const QStringList &row : m_rows)
        text += line(row);
    return text;
}

void BenchTable::print(const QString &title) const
{
    QTextStream out(stdout);
    out << "\n### " << title << "\n\n" << toText() << Qt::flush;
}

double BenchTable::median(QList<double> values)
{
    if (values.isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double BenchTable::maximum(const QList<double> &values)
{
    return values.isEmpty() ? std::numeric_limits<double>::quiet_NaN()
                            : *std::max_element(values.cbegin(), values.cend());
}

QString BenchTable::ms(double seconds, int decimals)
{
    return std::isnan(seconds) ? QStringLiteral("–")
                               : QStringLiteral("%1 ms").arg(seconds * 1000, 0, 'f', decimals);
}

QString BenchTable::mib(double kib)
{
    return std::isnan(kib) || kib < 0 ? QStringLiteral("–")
                                      : QStringLiteral("%1 MiB").arg(kib / 1024, 0, 'f', 1);
}

QString BenchTable::ratio(double value, double base)
{
    return std::isnan(value) || std::isnan(base) || base <= 0
               ? QStringLiteral("–")
               : QStringLiteral("%1x").arg(value / base, 0, 'f', 2);
}

QString BenchTable::verdict(bool met)
{
    return met ? QStringLiteral("met") : QStringLiteral("MISSED");
}
