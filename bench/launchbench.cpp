// Benchmark 1, signed-in launch: process start (just before exec) to the first projects
// painted, for procore-desktop signed in against the emulator, beside bench-bare-window's
// start to first paint, on the same display. Also peak RSS, QtWebEngineProcess, WebEngine
// libraries mapped, and the three requests a launch makes (me, companies, first projects
// page) timed with curl. Run inside scripts/test-session.sh (real keychain, Xvfb).
#include "auth/keychaintokenstore.h"
#include "benchtable.h"
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "model/projectcache.h"
#include "proctools.h"
#include "signedinseed.h"
#include "spawnedprocess.h"
#include "waituntil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTest>
#include <QTextStream>

#include <cmath>

namespace {
const QString appPath = QStringLiteral(PROCORE_DESKTOP_PATH);
const QString barePath = QStringLiteral(BENCH_BARE_WINDOW_PATH);

struct Run
{
    double seconds = std::nan("");
    double peakKiB = std::nan("");
    double hwmKiB = std::nan(""); // VmHWM read just before quitting (app only)
    bool webEngineProcess = false;
    bool webEngineMapped = false;
};

struct Series
{
    QString name;
    QList<Run> runs;
    QList<double> seconds() const
    {
        QList<double> out;
        for (const Run &run : runs)
            if (!std::isnan(run.seconds))
                out << run.seconds;
        return out;
    }
    QList<double> peaks() const
    {
        QList<double> out;
        for (const Run &run : runs)
            if (!std::isnan(run.peakKiB))
                out << run.peakKiB;
        return out;
    }
    QList<double> hwms() const
    {
        QList<double> out;
        for (const Run &run : runs)
            if (!std::isnan(run.hwmKiB))
                out << run.hwmKiB;
        return out;
    }
    bool anyWebEngine() const
    {
        for (const Run &run : runs)
            if (run.webEngineProcess || run.webEngineMapped)
                return true;
        return false;
    }
};

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QProcessEnvironment environmentFor(const QString &platform)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    environment.insert(QStringLiteral("PROCORE_BENCH_TIMESTAMPS"), QStringLiteral("1"));
    return environment;
}

Run runBare(const QString &platform)
{
    Run run;
    SpawnedProcess bare;
    bare.setProcessEnvironment(environmentFor(platform));
    if (!bare.start(barePath, {})) {
        err() << "bare window: " << bare.errorString() << Qt::endl;
        return run;
    }
    const double painted = bare.waitForStamp("first-paint", 20000);
    if (!bare.waitForExit(10000))
        bare.stop();
    if (painted > 0)
        run.seconds = painted - bare.startTime();
    run.peakKiB = double(bare.peakRssKiB());
    return run;
}

Run runApp(const QString &platform, const QStringList &arguments)
{
    Run run;
    SpawnedProcess app;
    app.setProcessEnvironment(environmentFor(platform));
    if (!app.start(appPath, arguments)) {
        err() << "procore-desktop: " << app.errorString() << Qt::endl;
        return run;
    }
    const double painted = app.waitForStamp("first-projects-paint", 30000);
    if (painted < 0) {
        err() << "procore-desktop printed no first-projects-paint; stderr:\n"
              << QString::fromLocal8Bit(app.standardError().right(2000)) << Qt::endl;
    } else {
        run.seconds = painted - app.startTime();
        // Give a lazily started helper a chance to show up, then look just before quitting.
        QTest::qWait(200);
        run.webEngineProcess = !ProcTools::descendantsNamed(app.pid(), "QtWebEngine").isEmpty();
        run.webEngineMapped = ProcTools::mapsContain(app.pid(), "libQt6WebEngine");
        run.hwmKiB = double(ProcTools::statusKiB(app.pid(), "VmHWM"));
    }
    app.stop();
    run.peakKiB = double(app.peakRssKiB());
    return run;
}

// curl's time_total of each of the three requests on one connection, summed.
double requestsSeconds(const EmulatorProcess &emulator, const QString &token, qint64 companyId)
{
    const QString api = emulator.apiUrl().toString();
    SpawnedProcess curl;
    const QStringList arguments = {
        QStringLiteral("-sS"),
        QStringLiteral("-H"),
        QStringLiteral("Authorization: Bearer %1").arg(token),
        QStringLiteral("-H"),
        QStringLiteral("Procore-Company-Id: %1").arg(companyId),
        QStringLiteral("-w"),
        QStringLiteral("curl-time %{http_code} %{time_total}\\n"),
        QStringLiteral("-o"),
        QStringLiteral("/dev/null"),
        api + QStringLiteral("/rest/v1.0/me"),
        QStringLiteral("-o"),
        QStringLiteral("/dev/null"),
        api + QStringLiteral("/rest/v1.0/companies"),
        QStringLiteral("-o"),
        QStringLiteral("/dev/null"),
        api + QStringLiteral("/rest/v1.1/projects?company_id=%1&page=1&per_page=300&"
                             "filters%5Bby_status%5D=All")
                  .arg(companyId),
    };
    if (!curl.start(QStringLiteral("curl"), arguments) || !curl.waitForExit(20000))
        return std::nan("");
    double total = 0;
    int count = 0;
    for (const QByteArray &line : curl.lines()) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() == 3 && fields.at(0) == "curl-time" && fields.at(1) == "200") {
            total += fields.at(2).toDouble();
            ++count;
        }
    }
    return count == 3 ? total : std::nan("");
}

void removeOfflineCopy()
{
    QDir(ProjectCache::defaultDirectory()).removeRecursively();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The app's identity, so the seeded keychain entry, settings and offline copy are its own.
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("reps"), QStringLiteral("Repetitions."), QStringLiteral("n"),
                      QStringLiteral("7")});
    parser.addOption({QStringLiteral("platforms"),
                      QStringLiteral("Comma-separated QPA platforms (default xcb,offscreen)."),
                      QStringLiteral("list"), QStringLiteral("xcb,offscreen")});
    parser.addOption({QStringLiteral("shell"),
                      QStringLiteral("Instead of measuring, run this bash command in the seeded "
                                     "state ($PROCORE_APP_ARGS holds the app's URL arguments), "
                                     "for profiling."),
                      QStringLiteral("command")});
    parser.process(app);
    const int reps = std::max(1, parser.value(QStringLiteral("reps")).toInt());
    const QStringList platforms =
        parser.value(QStringLiteral("platforms")).split(u',', Qt::SkipEmptyParts);

    if (qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME")) {
        err() << "run under scripts/test-session.sh: this benchmark seeds the real keychain"
              << Qt::endl;
        return 2;
    }
    EmulatorProcess emulator;
    if (!emulator.start({QStringLiteral("--projects"), QStringLiteral("300")})) {
        err() << "emulator: " << emulator.errorString() << Qt::endl;
        return 1;
    }
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(emulator, &store, 300);
    if (!seeded.ok()) {
        err() << "seeding the signed-in state failed: " << seeded.error << Qt::endl;
        return 1;
    }
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    const qint64 companyId =
        emulator.data().value(QStringLiteral("companies")).toArray().at(0).toInteger();
    if (!tokens.ok() || companyId <= 0) {
        err() << "no tokens or company for curl: " << tokens.error << Qt::endl;
        return 1;
    }

    const QStringList appArguments = {QStringLiteral("--login-url"), emulator.loginUrl().toString(),
                                      QStringLiteral("--api-url"), emulator.apiUrl().toString()};
    if (parser.isSet(QStringLiteral("shell"))) {
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PROCORE_APP_ARGS"), appArguments.join(u' '));
        environment.insert(QStringLiteral("PROCORE_APP"), appPath);
        shell.setProcessEnvironment(environment);
        shell.setProcessChannelMode(QProcess::ForwardedChannels);
        shell.start(QStringLiteral("bash"),
                    {QStringLiteral("-c"), parser.value(QStringLiteral("shell"))});
        (void)waitUntil([&] { return shell.state() == QProcess::NotRunning; }, 3600 * 1000);
        return shell.exitCode();
    }
    QTextStream out(stdout);
    out << "## Benchmark 1: signed-in launch (" << reps << " repetitions, medians; emulator "
        << "with 3 companies x 300 projects)" << Qt::endl;
    for (const QString &platform : platforms) {
        Series bare{QStringLiteral("bench-bare-window"), {}};
        Series warm{QStringLiteral("procore-desktop, offline copy present"), {}};
        Series cold{QStringLiteral("procore-desktop, no offline copy"), {}};
        QList<double> requests;
        runBare(platform); // one unmeasured round so no contender pays for a cold page cache
        runApp(platform, appArguments);
        for (int rep = 0; rep < reps; ++rep) {
            // Alternate the order so no contender always runs right after another.
            const auto one = [&](int which) {
                switch (which) {
                case 0:
                    bare.runs << runBare(platform);
                    break;
                case 1:
                    warm.runs << runApp(platform, appArguments);
                    break;
                case 2:
                    removeOfflineCopy();
                    cold.runs << runApp(platform, appArguments);
                    break;
                default:
                    requests << requestsSeconds(emulator, tokens.accessToken, companyId);
                }
            };
            for (int i = 0; i < 4; ++i)
                one(rep % 2 ? 3 - i : i);
        }
        const double bareTime = BenchTable::median(bare.seconds());
        const double bareRss = BenchTable::median(bare.peaks());
        const double requestTime = BenchTable::median(requests);
        BenchTable table({QStringLiteral("contender"), QStringLiteral("start → painted"),
                          QStringLiteral("ratio"), QStringLiteral("max"),
                          QStringLiteral("peak RSS"), QStringLiteral("ratio"),
                          QStringLiteral("VmHWM at quit"), QStringLiteral("WebEngine"),
                          QStringLiteral("runs")});
        for (const Series *series : {&bare, &warm, &cold}) {
            const bool isBare = series == &bare;
            table.addRow(
                {series->name, BenchTable::ms(BenchTable::median(series->seconds())),
                 BenchTable::ratio(BenchTable::median(series->seconds()), bareTime),
                 BenchTable::ms(BenchTable::maximum(series->seconds())),
                 BenchTable::mib(BenchTable::median(series->peaks())),
                 BenchTable::ratio(BenchTable::median(series->peaks()), bareRss),
                 isBare ? QStringLiteral("–") : BenchTable::mib(BenchTable::median(series->hwms())),
                 isBare ? QStringLiteral("–")
                        : (series->anyWebEngine() ? QStringLiteral("YES") : QStringLiteral("none")),
                 QString::number(series->seconds().size())});
        }
        table.addRow({QStringLiteral("curl: me + companies + projects page 1"),
                      BenchTable::ms(requestTime),
                      {},
                      BenchTable::ms(BenchTable::maximum(requests)),
                      {},
                      {},
                      {},
                      {},
                      QString::number(requests.size())});
        table.print(QStringLiteral("Signed-in launch, QT_QPA_PLATFORM=%1").arg(platform));

        const double budget = 1.5 * bareTime + requestTime;
        for (const Series *series : {&warm, &cold}) {
            const double time = BenchTable::median(series->seconds());
            const double rss = BenchTable::median(series->peaks());
            out << "- " << series->name << ": " << BenchTable::ms(time) << " vs target 1.5 x "
                << BenchTable::ms(bareTime) << " + " << BenchTable::ms(requestTime) << " = "
                << BenchTable::ms(budget) << " → " << BenchTable::verdict(time <= budget)
                << "; peak RSS " << BenchTable::ratio(rss, bareRss) << " of bare vs 1.50x → "
                << BenchTable::verdict(rss <= 1.5 * bareRss) << Qt::endl;
        }
    }
    emulator.stop();
    return 0;
}
