#include "faultreport.h"

#include <QDir>
#include <QFile>
#include <QTextStream>

#include <cstdio>

FaultReport::FaultReport(const QString &suite)
    : m_suite(suite)
{}

void FaultReport::add(const FaultRow &row)
{
    m_rows.append(row);
}

QString FaultReport::format(const QList<FaultRow> &rows)
{
    int width = 5;
    int outcomeWidth = 7;
    for (const FaultRow &row : rows) {
        width = std::max(width, int(row.fault.size()));
        outcomeWidth = std::max(outcomeWidth, int(row.outcome.size()));
    }
    const auto line = [width, outcomeWidth](const QString &fault, const QString &injected,
                                            const QString &requests, const QString &crashes,
                                            const QString &lost, const QString &outcome,
                                            const QString &message) {
        return fault.leftJustified(width) + QStringLiteral("  ") + injected.rightJustified(8) +
               QStringLiteral("  ") + requests.rightJustified(8) + QStringLiteral("  ") +
               crashes.rightJustified(7) + QStringLiteral("  ") + lost.rightJustified(11) +
               QStringLiteral("  ") + outcome.leftJustified(outcomeWidth) + QStringLiteral("  ") +
               message + QLatin1Char('\n');
    };
    QString text =
        line(QStringLiteral("fault"), QStringLiteral("injected"), QStringLiteral("requests"),
             QStringLiteral("crashes"), QStringLiteral("tokens lost"), QStringLiteral("outcome"),
             QStringLiteral("user-visible message"));
    for (const FaultRow &row : rows)
        text += line(row.fault, QString::number(row.injected), QString::number(row.requests),
                     QString::number(row.crashes), QString::number(row.tokensLost), row.outcome,
                     row.message.isEmpty() ? QStringLiteral("-") : row.message);
    return text;
}

void FaultReport::finish() const
{
    std::printf("\n%s", qPrintable(format(m_rows)));
    std::fflush(stdout);
    const QString dir = QStringLiteral(PROCORE_FAULTS_REPORT_DIR);
    QDir().mkpath(dir);
    QFile file(dir + QLatin1Char('/') + m_suite + QStringLiteral(".tsv"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    QTextStream out(&file);
    const auto clean = [](QString text) {
        return text.replace(QLatin1Char('\t'), QLatin1Char(' '))
            .replace(QLatin1Char('\n'), QLatin1Char(' '));
    };
    for (const FaultRow &row : m_rows)
        out << clean(row.fault) << '\t' << row.injected << '\t' << row.requests << '\t'
            << row.crashes << '\t' << row.tokensLost << '\t' << clean(row.outcome) << '\t'
            << clean(row.message) << '\n';
}
