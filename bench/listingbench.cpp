// Benchmark 2, bulk listing: 20,000 projects of one company, per_page 300, from the emulator
// into a ProjectListModel through ApiClient::fetchProjects + appendProjects (as the app does),
// against curl fetching the same pages with the same parallelism and bearer header.
#include "benchclock.h"
#include "benchtable.h"
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "listingrun.h"
#include "model/project.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "proctools.h"
#include "spawnedprocess.h"
#include "waituntil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTextStream>

#include <cmath>
#include <functional>

namespace {
constexpr int perPage = 300;
constexpr int parallel = 4;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Plain QNetworkAccessManager GETs of every page, `parallel` at a time, bodies read and
// dropped: what Qt's HTTP stack costs before any of the app's code runs.
double runPlainQnam(const EmulatorProcess &emulator, const QString &token, qint64 companyId,
                    int pages)
{
    QNetworkAccessManager network;
    int next = 1;
    int pending = pages;
    bool failed = false;
    std::function<void()> sendNext = [&] {
        const int page = next++;
        QUrl url = emulator.apiUrl();
        url.setPath(QStringLiteral("/rest/v1.1/projects"));
        url.setQuery(QStringLiteral("company_id=%1&page=%2&per_page=%3&filters%5Bby_status%5D=All")
                         .arg(companyId)
                         .arg(page)
                         .arg(perPage));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setRawHeader("Procore-Company-Id", QByteArray::number(companyId));
        QNetworkReply *reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            failed =
                failed || reply->error() != QNetworkReply::NoError || reply->readAll().isEmpty();
            reply->deleteLater();
            --pending;
            if (next <= pages)
                sendNext();
        });
    };
    const double start = monotonicSeconds();
    for (int i = 0; i < parallel && next <= pages; ++i)
        sendNext();
    if (!waitUntil([&] { return pending == 0; }, 60000) || failed)
        return std::nan("");
    return monotonicSeconds() - start;
}

struct Breakdown
{
    double parse = std::nan(""); // Project::parsePage (ProjectPageParser) over every page body
    double parseDocument = std::nan(""); // the route it replaces: QJsonDocument, listFromJson
    double append = std::nan("");        // ProjectListModel::appendProjects of every page
    double filtered = std::nan("");      // the same with a ProjectFilterModel watching
};

// The app's own work on the main thread, without the network: the page bodies are fetched
// first, then parsed and appended with nothing else running.
Breakdown measureBreakdown(const EmulatorProcess &emulator, const QString &token, qint64 companyId,
                           int pages)
{
    QNetworkAccessManager network;
    QList<QByteArray> bodies(pages);
    int pending = pages;
    for (int page = 1; page <= pages; ++page) {
        QUrl url = emulator.apiUrl();
        url.setPath(QStringLiteral("/rest/v1.1/projects"));
        url.setQuery(QStringLiteral("company_id=%1&page=%2&per_page=%3&filters%5Bby_status%5D=All")
                         .arg(companyId)
                         .arg(page)
                         .arg(perPage));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setRawHeader("Procore-Company-Id", QByteArray::number(companyId));
        QNetworkReply *reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, page] {
            bodies[page - 1] = reply->readAll();
            reply->deleteLater();
            --pending;
        });
    }
    Breakdown result;
    if (!waitUntil([&] { return pending == 0; }, 60000))
        return result;
    QList<QList<Project>> parsed;
    double start = monotonicSeconds();
    for (const QByteArray &body : std::as_const(bodies)) {
        auto projects = Project::parsePage(body);
        if (!projects)
            return result;
        parsed.append(std::move(*projects));
    }
    result.parse = monotonicSeconds() - start;
    // The same bodies the QJsonDocument way, what the fast parser exists to beat; the result
    // must be the same projects (tests/model/tst_projectpageparser checks that on every input).
    start = monotonicSeconds();
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        const QJsonDocument document = QJsonDocument::fromJson(bodies.at(i));
        const auto projects = Project::listFromJson(document.array());
        if (!projects || projects->size() != parsed.at(i).size())
            return result;
    }
    result.parseDocument = monotonicSeconds() - start;
    {
        ProjectListModel model;
        start = monotonicSeconds();
        for (const QList<Project> &page : std::as_const(parsed))
            model.appendProjects(page);
        result.append = monotonicSeconds() - start;
    }
    {
        ProjectListModel model;
        ProjectFilterModel filter;
        filter.setSourceModel(&model);
        start = monotonicSeconds();
        for (const QList<Project> &page : std::as_const(parsed))
            model.appendProjects(page);
        result.filtered = monotonicSeconds() - start;
    }
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("reps"), QStringLiteral("Repetitions."), QStringLiteral("n"),
                      QStringLiteral("7")});
    parser.addOption({QStringLiteral("projects"), QStringLiteral("Projects in the company."),
                      QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("shell"),
                      QStringLiteral("Instead of measuring, run this bash command with "
                                     "$BENCH_API_URL, $BENCH_TOKEN and $BENCH_COMPANY set, for "
                                     "profiling."),
                      QStringLiteral("command")});
    parser.process(app);
    const int reps = std::max(1, parser.value(QStringLiteral("reps")).toInt());
    const int projects = std::max(1, parser.value(QStringLiteral("projects")).toInt());
    const int pages = (projects + perPage - 1) / perPage;

    EmulatorProcess emulator;
    if (!emulator.start({QStringLiteral("--companies"), QStringLiteral("1"),
                         QStringLiteral("--projects"), QString::number(projects)})) {
        err() << "emulator: " << emulator.errorString() << Qt::endl;
        return 1;
    }
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    const qint64 companyId =
        emulator.data().value(QStringLiteral("companies")).toArray().at(0).toInteger();
    if (!tokens.ok() || companyId <= 0) {
        err() << "no tokens or company: " << tokens.error << Qt::endl;
        return 1;
    }

    if (parser.isSet(QStringLiteral("shell"))) {
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("BENCH_API_URL"), emulator.apiUrl().toString());
        environment.insert(QStringLiteral("BENCH_TOKEN"), tokens.accessToken);
        environment.insert(QStringLiteral("BENCH_COMPANY"), QString::number(companyId));
        shell.setProcessEnvironment(environment);
        shell.setProcessChannelMode(QProcess::ForwardedChannels);
        shell.start(QStringLiteral("bash"),
                    {QStringLiteral("-c"), parser.value(QStringLiteral("shell"))});
        (void)waitUntil([&] { return shell.state() == QProcess::NotRunning; }, 3600 * 1000);
        return shell.exitCode();
    }
    ListingRun::Setup setup;
    setup.apiUrl = emulator.apiUrl();
    setup.token = tokens.accessToken;
    setup.companyId = companyId;
    setup.projects = projects;
    setup.perPage = perPage;
    setup.parallel = parallel;
    const QStringList curlArguments = ListingRun::curlArguments(setup);
    const auto runApp = [&setup](bool filtered) {
        QNetworkAccessManager network; // fresh connections, like a new curl process
        return ListingRun::app(setup, &network, filtered);
    };
    // What a curl process costs before it fetches anything, to read the curl figure by.
    const QStringList curlNothing = {QStringLiteral("-sS"),
                                     QStringLiteral("-w"),
                                     QStringLiteral("%{http_code}\\n"),
                                     QStringLiteral("-o"),
                                     QStringLiteral("/dev/null"),
                                     emulator.apiUrl().toString() + QStringLiteral("/nothing")};

    // One unmeasured round of each: the emulator's first answers and our first parse are slower.
    runApp(false);
    ListingRun::curl(curlArguments, pages);

    const QList<qint64> emulators =
        ProcTools::descendantsNamed(QCoreApplication::applicationPid(), "procore-emulato");
    const qint64 emulatorPid = emulators.isEmpty() ? 0 : emulators.first();
    QList<double> emulatorCpuApp, emulatorCpuCurl, selfCpuApp, selfCpuPlain;
    const qint64 self = QCoreApplication::applicationPid();
    QList<double> plainTimes;
    QList<double> appTimes, filteredTimes, curlTimes, curlStart, parseTimes, parseDocumentTimes,
        appendTimes, appendFilteredTimes;
    for (int rep = 0; rep < reps; ++rep) {
        const auto one = [&](int which) {
            const double cpuBefore = ProcTools::cpuSeconds(emulatorPid);
            switch (which) {
            case 0: {
                const double selfBefore = ProcTools::cpuSeconds(self);
                appTimes << runApp(false);
                emulatorCpuApp << ProcTools::cpuSeconds(emulatorPid) - cpuBefore;
                selfCpuApp << ProcTools::cpuSeconds(self) - selfBefore;
                break;
            }
            case 1:
                filteredTimes << runApp(true);
                break;
            case 2:
                curlTimes << ListingRun::curl(curlArguments, pages);
                emulatorCpuCurl << ProcTools::cpuSeconds(emulatorPid) - cpuBefore;
                break;
            default:
                curlStart << ListingRun::curl(curlNothing, 0);
            }
        };
        for (int i = 0; i < 4; ++i)
            one(rep % 2 ? 3 - i : i);
        const double selfBefore = ProcTools::cpuSeconds(self);
        plainTimes << runPlainQnam(emulator, tokens.accessToken, companyId, pages);
        selfCpuPlain << ProcTools::cpuSeconds(self) - selfBefore;
        const Breakdown breakdown =
            measureBreakdown(emulator, tokens.accessToken, companyId, pages);
        parseTimes << breakdown.parse;
        parseDocumentTimes << breakdown.parseDocument;
        appendTimes << breakdown.append;
        appendFilteredTimes << breakdown.filtered;
    }
    const auto clean = [](QList<double> values) {
        values.removeIf([](double v) { return std::isnan(v); });
        return values;
    };
    appTimes = clean(appTimes);
    filteredTimes = clean(filteredTimes);
    curlTimes = clean(curlTimes);
    curlStart = clean(curlStart);
    parseTimes = clean(parseTimes);
    parseDocumentTimes = clean(parseDocumentTimes);
    plainTimes = clean(plainTimes);
    appendTimes = clean(appendTimes);
    appendFilteredTimes = clean(appendFilteredTimes);
    const double curlMedian = BenchTable::median(curlTimes);

    QTextStream out(stdout);
    out << "\n## Benchmark 2: bulk listing, " << projects << " projects, per_page " << perPage
        << ", " << pages << " pages, " << parallel << " at a time (" << reps
        << " repetitions, medians)" << Qt::endl;
    BenchTable table({QStringLiteral("contender"), QStringLiteral("median"), QStringLiteral("min"),
                      QStringLiteral("max"), QStringLiteral("ratio to curl"),
                      QStringLiteral("runs")});
    const auto row = [&](const QString &name, const QList<double> &times, bool ratio) {
        table.addRow(
            {name, BenchTable::ms(BenchTable::median(times)),
             BenchTable::ms(times.isEmpty() ? std::nan("")
                                            : *std::min_element(times.cbegin(), times.cend())),
             BenchTable::ms(BenchTable::maximum(times)),
             ratio ? BenchTable::ratio(BenchTable::median(times), curlMedian) : QString(),
             QString::number(times.size())});
    };
    row(QStringLiteral("curl --parallel --parallel-max 4 (exec → exit)"), curlTimes, true);
    row(QStringLiteral("ApiClient → ProjectListModel"), appTimes, true);
    row(QStringLiteral("ApiClient → ProjectListModel + ProjectFilterModel"), filteredTimes, true);
    row(QStringLiteral("plain QNetworkAccessManager, 4 at a time, bodies dropped"), plainTimes,
        true);
    row(QStringLiteral("curl, one 404 (process cost, for reference)"), curlStart, false);
    row(QStringLiteral("of which: parse %1 page bodies, ProjectPageParser (no network)").arg(pages),
        parseTimes, false);
    row(QStringLiteral("the same bodies, QJsonDocument + Project::listFromJson (no network)"),
        parseDocumentTimes, false);
    row(QStringLiteral("of which: appendProjects %1 pages (no network)").arg(pages), appendTimes,
        false);
    row(QStringLiteral("appendProjects with ProjectFilterModel (no network)"), appendFilteredTimes,
        false);
    row(QStringLiteral("emulator CPU while serving curl"), emulatorCpuCurl, false);
    row(QStringLiteral("emulator CPU while serving the app"), emulatorCpuApp, false);
    row(QStringLiteral("our CPU (all threads) in ApiClient → ProjectListModel"), selfCpuApp, false);
    row(QStringLiteral("our CPU (all threads) in plain QNetworkAccessManager"), selfCpuPlain,
        false);
    table.print(QStringLiteral("Bulk listing"));
    const double appMedian = BenchTable::median(appTimes);
    out << "- ApiClient → ProjectListModel: " << BenchTable::ratio(appMedian, curlMedian)
        << " of curl vs target 1.30x → " << BenchTable::verdict(appMedian <= 1.3 * curlMedian)
        << Qt::endl;
    out << "- ProjectPageParser: "
        << BenchTable::ratio(BenchTable::median(parseTimes), BenchTable::median(parseDocumentTimes))
        << " of the QJsonDocument route's time on the same " << pages << " pages" << Qt::endl;
    emulator.stop();
    return 0;
}
