// Benchmark 6, drawings offline (issue 15):
//  (a) `procore-desktop --sync-drawings` of 500 sheets of ~300 KB (listing, file links, storage)
//      beside `curl --parallel --parallel-max 4 -L` fetching the same 500 file links with the
//      same bearer header (curl drops it at the storage host, as the app never sends it);
//  (b) a second sync with nothing changed: its time and the file requests it made (goal: none);
//  (c) peak RSS of a sync of 500 x 300 KB and of 8 x 24 MB beside a run that downloads nothing:
//      bounded if it does not grow with the file size (no whole file in memory);
//  (d) the first paint of a stored sheet in the app's viewer beside bench-bare-window.
#include "auth/keychaintokenstore.h"
#include "benchtable.h"
#include "drawings/drawingstore.h"
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "listingrun.h"
#include "signedinseed.h"
#include "spawnedprocess.h"
#include "testhttp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>

namespace {
QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct Run
{
    double seconds = std::nan("");
    double peakKiB = std::nan("");
};

Run spawn(const QString &program, const QStringList &arguments, const QByteArray &stamp = {})
{
    Run run;
    SpawnedProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(environment);
    if (!process.start(program, arguments)) {
        err() << program << ": " << process.errorString() << Qt::endl;
        return run;
    }
    const double stamped = stamp.isEmpty() ? 0 : process.waitForStamp(stamp, 60000);
    if (!process.waitForExit(600000))
        process.stop();
    if (process.exitCode() != 0) {
        err() << program << " exited with " << process.exitCode() << ": " << process.standardError()
              << Qt::endl;
        return run;
    }
    run.seconds =
        stamp.isEmpty() ? process.endTime() - process.startTime() : stamped - process.startTime();
    run.peakKiB = double(process.peakRssKiB());
    return run;
}

// The current set's file links of a project, as the app lists them.
QStringList pdfLinks(const EmulatorProcess &emulator, const QString &token, qint64 companyId,
                     qint64 projectId)
{
    TestHttp http;
    const TestHttp::Headers headers{{"Authorization", "Bearer " + token.toLatin1()},
                                    {"Procore-Company-Id", QByteArray::number(companyId)}};
    const QString api = emulator.apiUrl().toString();
    QStringList links;
    const QJsonArray areas =
        http.get(QUrl(api + QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(projectId)),
                 headers)
            .json()
            .array();
    for (const QJsonValue &area : areas) {
        for (int page = 1;; ++page) {
            const QJsonArray sheets =
                http.get(
                        QUrl(api + QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings?page=%2"
                                                  "&per_page=300")
                                       .arg(area.toObject().value(QStringLiteral("id")).toInteger())
                                       .arg(page)),
                        headers)
                    .json()
                    .array();
            for (const QJsonValue &sheet : sheets)
                links << sheet.toObject()
                             .value(QStringLiteral("current_revision"))
                             .toObject()
                             .value(QStringLiteral("pdf_url"))
                             .toString();
            if (sheets.size() < 300)
                break;
        }
    }
    return links;
}

qint64 storageRequests(const EmulatorProcess &emulator)
{
    qint64 total = 0;
    const QJsonObject requests = emulator.counters().value(QStringLiteral("requests")).toObject();
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        if (it.key().startsWith(u"storage:") || it.key().startsWith(u"api:/files/"))
            total += it.value().toInteger();
    }
    return total;
}

struct Setup
{
    EmulatorProcess emulator;
    qint64 companyId = 0;
    qint64 projectId = 0;
    QStringList syncArguments;
};

bool prepare(Setup *setup, int sheets, int bytes)
{
    // Without the hourly limit: every sheet's file link is an API request, and the runs add up.
    if (!setup->emulator.start({QStringLiteral("--projects"), QStringLiteral("5"),
                                QStringLiteral("--rate-limit"), QStringLiteral("1000000"),
                                QStringLiteral("--drawing-sheets"), QString::number(sheets),
                                QStringLiteral("--drawing-bytes"), QString::number(bytes)})) {
        err() << setup->emulator.errorString() << Qt::endl;
        return false;
    }
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(setup->emulator, &store, 5);
    if (!seeded.ok()) {
        err() << "seeding failed: " << seeded.error << Qt::endl;
        return false;
    }
    setup->companyId = seeded.companyId;
    setup->projectId = seeded.projectIds.constFirst();
    setup->syncArguments = {
        QStringLiteral("--login-url"),     setup->emulator.loginUrl().toString(),
        QStringLiteral("--api-url"),       setup->emulator.apiUrl().toString(),
        QStringLiteral("--sync-drawings"), QStringLiteral("--project"),
        QString::number(setup->projectId)};
    return true;
}

QList<double> seconds(const QList<Run> &runs)
{
    QList<double> values;
    for (const Run &run : runs)
        values << run.seconds;
    return values;
}

QList<double> peaks(const QList<Run> &runs)
{
    QList<double> values;
    for (const Run &run : runs)
        values << run.peakKiB;
    return values;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The app's identity, so the seeded sign-in and the drawings folder are its own.
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QCommandLineParser parser;
    const QCommandLineOption repsOption(QStringLiteral("reps"), QStringLiteral("Repetitions."),
                                        QStringLiteral("n"), QStringLiteral("5"));
    parser.addOption(repsOption);
    const QCommandLineOption shellOption(
        QStringLiteral("shell"),
        QStringLiteral("Instead of measuring, run this bash command beside the 500-sheet emulator "
                       "with the sign-in seeded: $PROCORE_APP $PROCORE_APP_ARGS syncs."),
        QStringLiteral("command"));
    parser.addOption(shellOption);
    parser.process(app);
    const int reps = std::max(1, parser.value(repsOption).toInt());
    if (qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME")) {
        err() << "run under scripts/test-session.sh: this benchmark seeds the real keychain"
              << Qt::endl;
        return 2;
    }
    const QString appPath = QStringLiteral(PROCORE_DESKTOP_PATH);
    const DrawingStore store;

    // (a) and (b): 500 sheets of ~300 KB.
    Setup big;
    if (!prepare(&big, 500, 300000))
        return 1;
    if (parser.isSet(shellOption)) {
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PROCORE_APP"), appPath);
        environment.insert(QStringLiteral("PROCORE_APP_ARGS"), big.syncArguments.join(u' '));
        shell.setProcessEnvironment(environment);
        shell.setProcessChannelMode(QProcess::ForwardedChannels);
        shell.start(QStringLiteral("bash"), {QStringLiteral("-c"), parser.value(shellOption)});
        shell.waitForFinished(-1);
        return shell.exitCode();
    }
    const EmulatorTokens tokens = EmulatorSignIn::signIn(big.emulator);
    const QStringList links =
        pdfLinks(big.emulator, tokens.accessToken, big.companyId, big.projectId);
    QStringList curlArguments = {QStringLiteral("-sS"),
                                 QStringLiteral("--parallel"),
                                 QStringLiteral("--parallel-max"),
                                 QStringLiteral("4"),
                                 QStringLiteral("-L"),
                                 QStringLiteral("-H"),
                                 QStringLiteral("Authorization: Bearer %1").arg(tokens.accessToken),
                                 QStringLiteral("-w"),
                                 QStringLiteral("%{http_code}\\n")};
    // Into files, as the app writes them (curl to /dev/null would skip the disk).
    QTemporaryDir curlDir;
    for (qsizetype i = 0; i < links.size(); ++i)
        curlArguments << QStringLiteral("-o") << curlDir.filePath(QStringLiteral("%1.pdf").arg(i))
                      << links.at(i);
    err() << "drawings: " << links.size() << " sheets, warming up" << Qt::endl;
    store.clearAll();
    spawn(appPath, big.syncArguments); // warm-up: the emulator renders and caches every PDF
    ListingRun::curl(curlArguments, int(links.size()));
    QList<Run> syncs, curls, unchanged;
    qint64 unchangedRequests = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto sync = [&] {
            store.clearAll();
            syncs << spawn(appPath, big.syncArguments);
        };
        const auto viaCurl = [&] {
            QDir(curlDir.path()).removeRecursively();
            QDir().mkpath(curlDir.path());
            Run run;
            run.seconds = ListingRun::curl(curlArguments, int(links.size()));
            curls << run;
        };
        if (rep % 2 == 0) {
            sync();
            viaCurl();
        } else {
            viaCurl();
            sync();
        }
        big.emulator.resetCounters();
        unchanged << spawn(appPath, big.syncArguments);
        unchangedRequests += storageRequests(big.emulator);
    }
    qint64 storedBytes = 0;
    QString sheetFile;
    QDirIterator files(store.root(), {QStringLiteral("*.pdf")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        sheetFile = files.next();
        storedBytes += files.fileInfo().size();
    }
    const Run offline =
        spawn(appPath, {QStringLiteral("--login-url"), big.emulator.loginUrl().toString(),
                        QStringLiteral("--api-url"), big.emulator.apiUrl().toString(),
                        QStringLiteral("--list-drawings"), QStringLiteral("--project"),
                        QString::number(big.projectId)});

    // (d) first paint of a stored sheet, beside the bare window.
    QList<Run> viewer, bare;
    for (int rep = 0; rep < reps + 1; ++rep) {
        const Run v =
            spawn(QStringLiteral(BENCH_SHEET_VIEWER_PATH), {sheetFile}, "first-sheet-paint");
        const Run b = spawn(QStringLiteral(BENCH_BARE_WINDOW_PATH), {}, "first-paint");
        if (rep > 0) { // the first round warms the page cache
            viewer << v;
            bare << b;
        }
    }
    big.emulator.stop();

    // (c) the same sync with files 80 times larger.
    Setup huge;
    QList<Run> hugeSyncs;
    if (prepare(&huge, 8, 24000000)) {
        store.clearAll();
        spawn(appPath, huge.syncArguments); // warm-up
        for (int rep = 0; rep < std::min(reps, 3); ++rep) {
            store.clearAll();
            hugeSyncs << spawn(appPath, huge.syncArguments);
        }
        huge.emulator.stop();
    }
    store.clearAll();

    const double syncMedian = BenchTable::median(seconds(syncs));
    const double curlMedian = BenchTable::median(seconds(curls));
    BenchTable timing({QStringLiteral("contender"), QStringLiteral("median"), QStringLiteral("max"),
                       QStringLiteral("ratio to curl")});
    timing.addRow(
        {QStringLiteral("procore-desktop --sync-drawings, 500 sheets, %1 MB (exec → exit)")
             .arg(storedBytes / 1e6, 0, 'f', 1),
         BenchTable::ms(syncMedian), BenchTable::ms(BenchTable::maximum(seconds(syncs))),
         BenchTable::ratio(syncMedian, curlMedian)});
    timing.addRow(
        {QStringLiteral("curl --parallel --parallel-max 4 -L, the same 500 links, to files"),
         BenchTable::ms(curlMedian), BenchTable::ms(BenchTable::maximum(seconds(curls))),
         QStringLiteral("1.00x")});
    timing.addRow({QStringLiteral("second sync, nothing changed"),
                   BenchTable::ms(BenchTable::median(seconds(unchanged))),
                   BenchTable::ms(BenchTable::maximum(seconds(unchanged))),
                   BenchTable::ratio(BenchTable::median(seconds(unchanged)), curlMedian)});
    timing.print(QStringLiteral("Drawings sync (%1 reps, alternating)").arg(reps));

    BenchTable memory({QStringLiteral("run"), QStringLiteral("peak RSS (median)")});
    memory.addRow(
        {QStringLiteral("--list-drawings (nothing downloaded)"), BenchTable::mib(offline.peakKiB)});
    memory.addRow({QStringLiteral("--sync-drawings, 500 x ~300 KB"),
                   BenchTable::mib(BenchTable::median(peaks(syncs)))});
    memory.addRow({QStringLiteral("--sync-drawings, 8 x ~24 MB"),
                   BenchTable::mib(BenchTable::median(peaks(hugeSyncs)))});
    memory.print(QStringLiteral("Peak memory while syncing"));

    const double viewerMedian = BenchTable::median(seconds(viewer));
    const double bareMedian = BenchTable::median(seconds(bare));
    BenchTable paint({QStringLiteral("program"), QStringLiteral("start → painted (median)"),
                      QStringLiteral("peak RSS"), QStringLiteral("ratio")});
    paint.addRow({QStringLiteral("bench-sheet-viewer: a stored ~300 KB sheet in DrawingViewer"),
                  BenchTable::ms(viewerMedian), BenchTable::mib(BenchTable::median(peaks(viewer))),
                  BenchTable::ratio(viewerMedian, bareMedian)});
    paint.addRow({QStringLiteral("bench-bare-window"), BenchTable::ms(bareMedian),
                  BenchTable::mib(BenchTable::median(peaks(bare))), QStringLiteral("1.00x")});
    paint.print(QStringLiteral("First paint of a stored sheet"));

    const double growth = BenchTable::median(peaks(hugeSyncs)) - BenchTable::median(peaks(syncs));
    out() << "- sync: " << BenchTable::ratio(syncMedian, curlMedian)
          << " of curl (target 1.5x, listing included) → "
          << BenchTable::verdict(syncMedian <= 1.5 * curlMedian) << Qt::endl;
    out() << "- second sync: " << unchangedRequests << " file requests in " << reps
          << " runs (target 0) → " << BenchTable::verdict(unchangedRequests == 0) << Qt::endl;
    out() << "- memory: 24 MB files peak " << BenchTable::mib(growth)
          << " above 300 KB files (target < 24 MB: no whole file held) → "
          << BenchTable::verdict(growth < 24000) << Qt::endl;
    out() << "- first sheet paint: " << BenchTable::ratio(viewerMedian, bareMedian)
          << " of the bare window's first paint" << Qt::endl;
    return 0;
}
