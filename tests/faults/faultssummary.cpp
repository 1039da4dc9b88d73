// Prints the fault tables of every suite that ran (their .tsv files in the report folder) as
// one table, and fails when any row counted a crash or a lost sign-in.
#include "faultreport.h"

#include <QDir>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    const QString dir =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(PROCORE_FAULTS_REPORT_DIR);
    QList<FaultRow> rows;
    const QStringList files =
        QDir(dir).entryList({QStringLiteral("*.tsv")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QList<QByteArray> f = line.split('\t');
            if (f.size() != 7)
                continue;
            rows.append({QString::fromUtf8(f[0]), f[1].toInt(), f[2].toInt(), f[3].toInt(),
                         f[4].toInt(), QString::fromUtf8(f[5]), QString::fromUtf8(f[6])});
        }
    }
    int crashes = 0;
    int lost = 0;
    for (const FaultRow &row : rows) {
        crashes += row.crashes;
        lost += row.tokensLost;
    }
    std::printf("Fault suite: %d cases from %d suites (%s)\n\n%s\ncrashes: %d, tokens lost: %d\n",
                int(rows.size()), int(files.size()), qPrintable(dir),
                qPrintable(FaultReport::format(rows)), crashes, lost);
    return crashes == 0 && lost == 0 ? 0 : 1;
}
