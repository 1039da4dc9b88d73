#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A table of figures printed as Markdown (aligned, so it reads in a terminal and pastes into
// an issue), plus the few statistics the benchmarks print.
class BenchTable final
{
public:
    explicit BenchTable(const QStringList &headers);
    void addRow(const QStringList &cells);
    QString toText() const;
    void print(const QString &title) const; // to stdout, flushed

    static double median(QList<double> values); // NaN when empty
    static double maximum(const QList<double> &values);
    static QString ms(double seconds, int decimals = 1); // "12.3 ms"
    static QString mib(double kib);                      // "25.1 MiB"
    static QString ratio(double value, double base);     // "1.42x"
    static QString verdict(bool met);                    // "met" / "MISSED"

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};
