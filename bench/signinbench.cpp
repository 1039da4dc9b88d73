// Benchmark 4, sign-in page: procore-desktop-login from process start (just before exec) to
// the login page's first contentful paint (WebEngine cold start: new process, new profile),
// beside the bare window; then a whole sign-in through the real app (Return on "Sign in to
// Procore", login and Allow in the helper's page over DevTools) with the main process's RSS
// before and after, showing WebEngine lived and died in the helper.
#include "benchclock.h"
#include "benchtable.h"
#include "devtoolspage.h"
#include "emulatorprocess.h"
#include "pagetiming.h"
#include "proctools.h"
#include "signin/loginrequest.h"
#include "spawnedprocess.h"
#include "storage/loginprofile.h"
#include "testports.h"
#include "waituntil.h"
#include "xwindowkeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUrlQuery>

#include <cmath>

namespace {
const QString appPath = QStringLiteral(PROCORE_DESKTOP_PATH);
const QString helperPath = QStringLiteral(PROCORE_LOGIN_HELPER_PATH);
const QString barePath = QStringLiteral(BENCH_BARE_WINDOW_PATH);
const double nan = std::nan("");

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QProcessEnvironment environmentFor(const QString &platform, int devToolsPort)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    environment.insert(QStringLiteral("PROCORE_BENCH_TIMESTAMPS"), QStringLiteral("1"));
    if (devToolsPort > 0)
        environment.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"),
                           QStringLiteral("127.0.0.1:%1").arg(devToolsPort));
    return environment;
}

QUrl authorizeUrl(const EmulatorProcess &emulator)
{
    QUrl url = emulator.loginUrl();
    url.setPath(QStringLiteral("/oauth/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), EmulatorProcess::clientId());
    query.addQueryItem(QStringLiteral("redirect_uri"), EmulatorProcess::redirectUri());
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("bench"));
    url.setQuery(query);
    return url;
}

// RSS of the sign-in window: the helper plus every QtWebEngineProcess under it, in KiB.
double helperTreeRssKiB(qint64 helper)
{
    double total = double(ProcTools::statusKiB(helper, "VmRSS"));
    for (const qint64 child : ProcTools::descendants(helper))
        total += double(std::max<qint64>(0, ProcTools::statusKiB(child, "VmRSS")));
    return total;
}

struct PageRun
{
    double seconds = nan; // start → first contentful paint
    double peakKiB = nan; // the helper's own ru_maxrss
    double treeKiB = nan; // helper + WebEngine processes, RSS at the paint
};

PageRun runHelper(const EmulatorProcess &emulator, const QString &platform)
{
    PageRun run;
    QTemporaryDir profile;
    LoginRequest request;
    request.authorizeUrl = authorizeUrl(emulator);
    request.redirectUri = QUrl(EmulatorProcess::redirectUri());
    request.profileDir = profile.path() + QStringLiteral("/profile");
    const int port = TestPorts::freePort();
    SpawnedProcess helper;
    helper.setProcessEnvironment(environmentFor(platform, port));
    if (!helper.start(helperPath, {})) {
        err() << "login helper: " << helper.errorString() << Qt::endl;
        return run;
    }
    helper.write(request.toJsonLine());
    DevToolsPage page;
    if (!page.attach(port, emulator.loginUrl().toString(), 30000)) {
        err() << "login helper: no DevTools page; stderr:\n"
              << QString::fromLocal8Bit(helper.standardError().right(1500)) << Qt::endl;
    } else {
        const double painted = PageTiming::firstContentfulPaint(page, 20000);
        if (std::abs(PageTiming::clockSkew(page)) > 0.05)
            err() << "warning: Chromium's clock is not CLOCK_MONOTONIC here; skew "
                  << PageTiming::clockSkew(page) << " s" << Qt::endl;
        if (painted > 0)
            run.seconds = painted - helper.startTime();
        run.treeKiB = helperTreeRssKiB(helper.pid());
    }
    helper.closeWriteChannel(); // the app's way of cancelling: the window closes, it quits
    if (!helper.waitForExit(10000))
        helper.stop();
    run.peakKiB = double(helper.peakRssKiB());
    return run;
}

PageRun runBare(const QString &platform)
{
    PageRun run;
    SpawnedProcess bare;
    bare.setProcessEnvironment(environmentFor(platform, 0));
    if (!bare.start(barePath, {}))
        return run;
    const double painted = bare.waitForStamp("first-paint", 20000);
    if (!bare.waitForExit(10000))
        bare.stop();
    if (painted > 0)
        run.seconds = painted - bare.startTime();
    run.peakKiB = double(bare.peakRssKiB());
    return run;
}

struct SignInRun
{
    double beforeKiB = nan;     // main process VmRSS on the welcome page
    double afterKiB = nan;      // main process VmRSS with projects shown, helper gone
    double peakKiB = nan;       // main process VmHWM then
    double helperTreeKiB = nan; // sign-in window (helper + WebEngine) RSS on the consent page
    double clickToPage = nan;   // Return on "Sign in" → login page's first contentful paint
    bool webEngineInMain = false;
    bool helperGone = false;
};

SignInRun runSignIn(const EmulatorProcess &emulator, const QStringList &urlArguments)
{
    SignInRun run;
    const int port = TestPorts::freePort();
    SpawnedProcess app;
    app.setProcessEnvironment(environmentFor(QStringLiteral("xcb"), port));
    if (!app.start(appPath, urlArguments) || !XWindowKeys::waitForWindow(app.pid(), 20000)) {
        err() << "procore-desktop showed no window: " << app.errorString() << Qt::endl;
        return run;
    }
    QTest::qWait(700); // keychain answered (signed out), welcome page painted, idle
    run.beforeKiB = double(ProcTools::statusKiB(app.pid(), "VmRSS"));
    QString error;
    const double clicked = monotonicSeconds();
    DevToolsPage page;
    if (!XWindowKeys::pressReturn(app.pid(), &error) ||
        !page.attach(port, emulator.loginUrl().toString(), 30000)) {
        err() << "sign-in window did not open: " << error << Qt::endl
              << QString::fromLocal8Bit(app.standardError().right(1500)) << Qt::endl;
        return run;
    }
    const double painted = PageTiming::firstContentfulPaint(page, 20000);
    if (painted > 0)
        run.clickToPage = painted - clicked;
    if (!page.waitFor(QStringLiteral("document.readyState === 'complete' && "
                                     "!!(document.getElementById('login-form') || "
                                     "document.getElementById('allow'))"),
                      15000)) {
        err() << "no login form or consent page" << Qt::endl;
        return run;
    }
    page.evaluate(
        QStringLiteral(
            "(() => { const f = document.getElementById('login-form'); if (!f) return 0;"
            " document.getElementById('email').value = '%1';"
            " document.getElementById('password').value = '%2'; f.submit(); return 1; })()")
            .arg(EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword()));
    if (!page.waitFor(QStringLiteral("document.readyState === 'complete' && "
                                     "!!document.getElementById('allow')"),
                      15000)) {
        err() << "no consent page" << Qt::endl;
        return run;
    }
    qint64 helper = 0;
    for (const qint64 pid : ProcTools::descendants(app.pid())) {
        if (ProcTools::executable(pid).endsWith("procore-desktop-login"))
            helper = pid;
    }
    if (helper > 0)
        run.helperTreeKiB = helperTreeRssKiB(helper);
    page.evaluate(QStringLiteral("document.getElementById('allow').click(), 1"), 3000);
    if (app.waitForStamp("first-projects-paint", 30000) < 0) {
        err() << "no projects after Allow; stderr:\n"
              << QString::fromLocal8Bit(app.standardError().right(1500)) << Qt::endl;
        app.stop();
        return run;
    }
    run.helperGone = waitUntil(
        [&] {
            for (const qint64 pid : ProcTools::descendants(app.pid())) {
                const QByteArray exe = ProcTools::executable(pid);
                if (exe.endsWith("procore-desktop-login") || exe.contains("QtWebEngineProcess"))
                    return false;
            }
            return true;
        },
        10000);
    QTest::qWait(500);
    run.afterKiB = double(ProcTools::statusKiB(app.pid(), "VmRSS"));
    run.peakKiB = double(ProcTools::statusKiB(app.pid(), "VmHWM"));
    run.webEngineInMain = ProcTools::mapsContain(app.pid(), "libQt6WebEngine");
    app.stop();
    return run;
}

void signOut(const QStringList &urlArguments)
{
    SpawnedProcess cli;
    if (cli.start(appPath, QStringList{QStringLiteral("--sign-out")} + urlArguments))
        cli.waitForExit(20000); // also forgets the helper's web session (its profile folder)
}

template<typename Run> QList<double> pick(const QList<Run> &runs, double Run::*field)
{
    QList<double> out;
    for (const Run &run : runs)
        if (!std::isnan(run.*field))
            out << run.*field;
    return out;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktop"));
    QCoreApplication::setApplicationName(QStringLiteral("procore-desktop"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("reps"), QStringLiteral("Repetitions of the page start."),
                      QStringLiteral("n"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("sign-ins"), QStringLiteral("Whole sign-ins through the app."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("platforms"),
                      QStringLiteral("Comma-separated QPA platforms for the page start."),
                      QStringLiteral("list"), QStringLiteral("xcb,offscreen")});
    parser.process(app);
    const int reps = std::max(1, parser.value(QStringLiteral("reps")).toInt());
    const int signIns = std::max(0, parser.value(QStringLiteral("sign-ins")).toInt());
    const QStringList platforms =
        parser.value(QStringLiteral("platforms")).split(u',', Qt::SkipEmptyParts);
    if (qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME")) {
        err() << "run under scripts/test-session.sh (keychain, Xvfb, WebEngine as root)"
              << Qt::endl;
        return 2;
    }
    EmulatorProcess emulator;
    if (!emulator.start()) {
        err() << "emulator: " << emulator.errorString() << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    out << "\n## Benchmark 4: sign-in page (" << reps << " repetitions, medians)" << Qt::endl;
    for (const QString &platform : platforms) {
        QList<PageRun> helperRuns, bareRuns;
        runHelper(emulator, platform); // unmeasured: first touch of WebEngine's files
        for (int rep = 0; rep < reps; ++rep) {
            if (rep % 2) {
                bareRuns << runBare(platform);
                helperRuns << runHelper(emulator, platform);
            } else {
                helperRuns << runHelper(emulator, platform);
                bareRuns << runBare(platform);
            }
        }
        const double bareTime = BenchTable::median(pick(bareRuns, &PageRun::seconds));
        const double bareRss = BenchTable::median(pick(bareRuns, &PageRun::peakKiB));
        BenchTable table({QStringLiteral("contender"), QStringLiteral("start → painted"),
                          QStringLiteral("ratio"), QStringLiteral("max"),
                          QStringLiteral("peak RSS (own)"),
                          QStringLiteral("RSS with WebEngine processes"), QStringLiteral("runs")});
        table.addRow({QStringLiteral("bench-bare-window (first paint)"), BenchTable::ms(bareTime),
                      QStringLiteral("1.00x"),
                      BenchTable::ms(BenchTable::maximum(pick(bareRuns, &PageRun::seconds))),
                      BenchTable::mib(bareRss), QStringLiteral("–"),
                      QString::number(pick(bareRuns, &PageRun::seconds).size())});
        const QList<double> helperTimes = pick(helperRuns, &PageRun::seconds);
        table.addRow({QStringLiteral("procore-desktop-login (login page FCP)"),
                      BenchTable::ms(BenchTable::median(helperTimes)),
                      BenchTable::ratio(BenchTable::median(helperTimes), bareTime),
                      BenchTable::ms(BenchTable::maximum(helperTimes)),
                      BenchTable::mib(BenchTable::median(pick(helperRuns, &PageRun::peakKiB))),
                      BenchTable::mib(BenchTable::median(pick(helperRuns, &PageRun::treeKiB))),
                      QString::number(helperTimes.size())});
        table.print(QStringLiteral("Sign-in page cold start, QT_QPA_PLATFORM=%1").arg(platform));
    }

    if (signIns > 0) {
        const QStringList urlArguments = {
            QStringLiteral("--login-url"), emulator.loginUrl().toString(),
            QStringLiteral("--api-url"), emulator.apiUrl().toString()};
        QList<SignInRun> runs;
        for (int i = 0; i < signIns; ++i) {
            signOut(urlArguments);
            runs << runSignIn(emulator, urlArguments);
        }
        signOut(urlArguments);
        bool webEngineInMain = false, helperGone = true;
        for (const SignInRun &run : runs) {
            webEngineInMain = webEngineInMain || run.webEngineInMain;
            helperGone = helperGone && run.helperGone;
        }
        const double before = BenchTable::median(pick(runs, &SignInRun::beforeKiB));
        BenchTable table({QStringLiteral("main process (procore-desktop), xcb"),
                          QStringLiteral("median"), QStringLiteral("ratio to before"),
                          QStringLiteral("runs")});
        const auto row = [&](const QString &name, const QList<double> &values, bool ratio) {
            table.addRow({name, BenchTable::mib(BenchTable::median(values)),
                          ratio ? BenchTable::ratio(BenchTable::median(values), before) : QString(),
                          QString::number(values.size())});
        };
        row(QStringLiteral("VmRSS before sign-in (welcome page)"),
            pick(runs, &SignInRun::beforeKiB), true);
        row(QStringLiteral("VmRSS after sign-in (projects shown, helper gone)"),
            pick(runs, &SignInRun::afterKiB), true);
        row(QStringLiteral("VmHWM over its whole life"), pick(runs, &SignInRun::peakKiB), true);
        row(QStringLiteral("sign-in window: helper + WebEngine processes, on the Allow page"),
            pick(runs, &SignInRun::helperTreeKiB), false);
        const QList<double> clicks = pick(runs, &SignInRun::clickToPage);
        table.addRow({QStringLiteral("Return on Sign in → login page painted"),
                      BenchTable::ms(BenchTable::median(clicks)),
                      {},
                      QString::number(clicks.size())});
        table.print(QStringLiteral("Main process RSS around a sign-in"));
        out << "- WebEngine mapped in the main process: " << (webEngineInMain ? "YES" : "never")
            << "; helper and QtWebEngineProcess gone "
            << "after sign-in: " << (helperGone ? "yes" : "NO") << Qt::endl;
    }
    emulator.stop();
    return 0;
}
