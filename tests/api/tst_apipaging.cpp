// Paging: 20,000 projects from the emulator (complete, in order, timed against a plain
// parallel download of the same pages), cancellation, and scripted servers whose paging
// headers disagree with their data.
#include "apitesthelpers.h"
#include "emulatortokensource.h"
#include "recordingserver.h"

#include "api/apiclient.h"
#include "api/projectsjob.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "support/emulatorprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QUrlQuery>
#include <QtTest>

#include <limits>
#include <memory>

namespace {

constexpr int ProjectCount = 20000;
constexpr int PerPage = 300;

QByteArray projectsJson(qint64 firstId, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(QJsonObject{{QStringLiteral("id"), firstId + i},
                                 {QStringLiteral("name"), QStringLiteral("P%1").arg(firstId + i)},
                                 {QStringLiteral("active"), true}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

int queryInt(const RecordedRequest &request, const char *name)
{
    return QUrlQuery(QUrl(QString::fromLatin1(request.target)))
        .queryItemValue(QLatin1String(name))
        .toInt();
}

enum class Scenario {
    TotalTooHigh,
    TotalTooLow,
    RepeatsAcrossPages,
    SmallerPagesUnannounced,
    NoHeaders,
    ExactMultiple,
    NeverEnds,
    BrokenPage,
    EmptyCompany,
    TotalMaxInt64,
    TotalBeyondAnyFetch,
};

ScriptedResponse answer(Scenario scenario, int page, const QByteArray &base)
{
    ScriptedResponse r;
    const auto link = [&](int next, int last) {
        QByteArray value;
        if (next > 0)
            value += "<" + base +
                     "/rest/v1.1/projects?company_id=5&page=" + QByteArray::number(next) +
                     ">; rel=\"next\", ";
        value += "<" + base + "/rest/v1.1/projects?company_id=5&page=" + QByteArray::number(last) +
                 ">; rel=\"last\"";
        return value;
    };
    const qint64 first = qint64(page - 1) * PerPage + 1;
    switch (scenario) {
    case Scenario::TotalTooHigh:
        r.headers = {{"Total", "1500"}, {"Per-Page", "300"}, {"Link", link(page + 1, 5)}};
        r.body = projectsJson(first, page == 3 ? 0 : PerPage);
        break;
    case Scenario::TotalTooLow:
        r.headers = {{"Total", "100"}, {"Per-Page", "300"}, {"Link", link(0, 1)}};
        r.body = projectsJson(first, page < 3 ? PerPage : 50);
        break;
    case Scenario::RepeatsAcrossPages:
        // A project added while paging shifts the list: page 2 repeats 100 of page 1.
        r.headers = {{"Total", "600"}, {"Per-Page", "300"}, {"Link", link(page < 2 ? 2 : 0, 2)}};
        r.body = projectsJson(page == 1 ? 1 : 201, PerPage);
        break;
    case Scenario::SmallerPagesUnannounced:
        r.headers = {{"Total", "250"}, {"Link", link(page < 3 ? page + 1 : 0, 3)}};
        r.body = projectsJson(qint64(page - 1) * 100 + 1, page < 3 ? 100 : 50);
        break;
    case Scenario::NoHeaders:
        r.body = projectsJson(first, page < 3 ? PerPage : 10);
        break;
    case Scenario::ExactMultiple:
        r.headers = {{"Total", "600"}, {"Per-Page", "300"}, {"Link", link(page < 2 ? 2 : 0, 2)}};
        r.body = projectsJson(first, PerPage);
        break;
    case Scenario::NeverEnds:
        r.body = projectsJson(first, PerPage); // full pages of new IDs, no headers to believe
        break;
    case Scenario::BrokenPage:
        r.headers = {{"Total", "900"}, {"Per-Page", "300"}, {"Link", link(page + 1, 3)}};
        r.body = page == 2 ? QByteArray(R"([{"id":1},{"id":)") : projectsJson(first, PerPage);
        break;
    case Scenario::EmptyCompany:
        r.headers = {{"Total", "0"}, {"Per-Page", "300"}, {"Link", link(0, 1)}};
        r.body = "[]";
        break;
    case Scenario::TotalMaxInt64:
    case Scenario::TotalBeyondAnyFetch:
        // Two real pages, whatever Total claims: the second, short one ends the list.
        r.headers = {{"Total", scenario == Scenario::TotalMaxInt64 ? "9223372036854775807"
                                                                   : "1000000000000000"},
                     {"Per-Page", "300"}};
        r.body = projectsJson(first, page < 2 ? PerPage : 10);
        break;
    }
    return r;
}

} // namespace

class TestApiPaging final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void twentyThousandProjects();
    void cancelStopsPaging();
    void headersThatDisagree_data();
    void headersThatDisagree();

private:
    qint64 downloadRaw(qint64 company, QList<qint64> *ids);

    EmulatorProcess m_emulator;
    EmulatorTokenSource m_tokens;
    QNetworkAccessManager m_network;
    qint64 m_company = 0;
};

void TestApiPaging::initTestCase()
{
    // Several full downloads: keep the hourly request limit out of the way.
    QVERIFY2(m_emulator.start({QStringLiteral("--companies"), QStringLiteral("1"),
                               QStringLiteral("--projects"), QString::number(ProjectCount),
                               QStringLiteral("--rate-limit"), QStringLiteral("1000000")}),
             qPrintable(m_emulator.errorString()));
    QString error;
    QVERIFY2(m_tokens.signIn(m_emulator, &error), qPrintable(error));
    m_company = m_emulator.data().value(QStringLiteral("companies")).toArray().at(0).toInteger();
    QVERIFY(m_company > 0);
}

// The same pages the job fetches, 4 at a time, bodies kept and nothing parsed: what curl
// --parallel does, as a yardstick.
qint64 TestApiPaging::downloadRaw(qint64 company, QList<qint64> *ids)
{
    const int pages = (ProjectCount + PerPage - 1) / PerPage;
    QMap<int, QByteArray> bodies;
    int next = 1;
    int inFlight = 0;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    std::function<void()> launch = [&] {
        while (inFlight < 4 && next <= pages) {
            QUrl url = m_emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.1/projects")));
            url.setQuery(
                QStringLiteral("company_id=%1&page=%2&per_page=%3&filters%5Bby_status%5D=All")
                    .arg(company)
                    .arg(next)
                    .arg(PerPage));
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", "Bearer " + m_tokens.accessToken().toUtf8());
            request.setRawHeader("Procore-Company-Id", QByteArray::number(company));
            QNetworkReply *reply = m_network.get(request);
            const int page = next++;
            ++inFlight;
            connect(reply, &QNetworkReply::finished, this, [&, reply, page] {
                bodies.insert(page, reply->readAll());
                reply->deleteLater();
                --inFlight;
                launch();
                if (bodies.size() == pages)
                    loop.quit();
            });
        }
    };
    launch();
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    if (bodies.size() != pages)
        return -1;
    const qint64 elapsed = timer.elapsed();
    if (ids) {
        for (const QByteArray &body : std::as_const(bodies)) {
            for (const QJsonValue &project : QJsonDocument::fromJson(body).array())
                ids->append(project.toObject().value(QLatin1String("id")).toInteger());
        }
    }
    return elapsed;
}

void TestApiPaging::twentyThousandProjects()
{
    QList<qint64> expected;
    QList<qint64> rawTimes{downloadRaw(m_company, &expected)};
    QCOMPARE(expected.size(), ProjectCount);

    QList<qint64> jobTimes;
    for (int run = 0; run < 2; ++run) {
        QVERIFY(m_emulator.resetCounters());
        ApiClient client(m_emulator.apiUrl(), &m_tokens, &m_network);
        ProjectListModel model;
        ProjectFilterModel view;
        view.setSourceModel(&model);
        QList<Project> projects;
        QList<qint64> pageFirstIds;
        QElapsedTimer timer;
        timer.start();
        ProjectsJob *job = client.fetchProjects(m_company, QStringLiteral("Acme"));
        connect(job, &ProjectsJob::pageArrived, &model, [&](const QList<Project> &page) {
            pageFirstIds.append(page.constFirst().id);
            model.appendProjects(page);
        });
        const ProcoreError error = ApiTest::run(
            job, [&](ProjectsJob *j) { projects = j->projects(); }, 60000);
        jobTimes.append(timer.elapsed());
        QVERIFY2(!error, ApiTest::describe(error));

        // Complete, every ID once, in the server's order, and all in the model.
        QCOMPARE(projects.size(), ProjectCount);
        QList<qint64> ids;
        for (const Project &project : std::as_const(projects))
            ids.append(project.id);
        QCOMPARE(ids, expected);
        QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), ProjectCount);
        QCOMPARE(pageFirstIds.size(), (ProjectCount + PerPage - 1) / PerPage);
        for (qsizetype page = 0; page < pageFirstIds.size(); ++page)
            QCOMPARE(pageFirstIds.at(page), expected.at(page * PerPage));
        QCOMPARE(model.rowCount(), ProjectCount);
        QCOMPARE(view.rowCount(), ProjectCount);
        QCOMPARE(m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects")),
                 pageFirstIds.size());
        rawTimes.append(downloadRaw(m_company, nullptr));
    }
    std::sort(rawTimes.begin(), rawTimes.end());
    std::sort(jobTimes.begin(), jobTimes.end());
    qInfo("20,000 projects, 67 pages, 4 at a time: ApiClient into the model %lld ms (runs: %s), "
          "plain download %lld ms (best of %lld); ratio %.2f",
          jobTimes.constFirst(),
          qPrintable(QStringLiteral("%1, %2").arg(jobTimes.at(0)).arg(jobTimes.at(1))),
          rawTimes.constFirst(), qint64(rawTimes.size()),
          double(jobTimes.constFirst()) / double(std::max<qint64>(1, rawTimes.constFirst())));
}

void TestApiPaging::cancelStopsPaging()
{
    QVERIFY(m_emulator.configure({{QStringLiteral("latency"), 100}}));
    QVERIFY(m_emulator.resetCounters());
    const auto requested = [this] {
        return m_emulator.requests(QStringLiteral("api:/rest/v1.1/projects"));
    };
    ApiClient client(m_emulator.apiUrl(), &m_tokens, &m_network);
    ProjectsJob *job = client.fetchProjects(m_company, QStringLiteral("Acme"));
    int pagesAfterCancel = 0;
    bool cancelled = false;
    QList<ProcoreError> finished;
    // Cancelled as the first page is handed on: by then pages 2-5 have been asked for (the next
    // requests go out before a page is delivered) and no other answer can have come in, so the
    // bound below does not depend on the order in which a busy machine delivers answers (with
    // the cancel at page 2, answers 3-5 arriving first each asked for one more page).
    connect(job, &ProjectsJob::pageArrived, this, [&] {
        if (std::exchange(cancelled, true)) {
            ++pagesAfterCancel;
            return;
        }
        job->cancel();
    });
    connect(job, &ProjectsJob::finished, this,
            [&](const ProcoreError &error) { finished.append(error); });
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).kind, ProcoreError::Kind::Cancelled);
    const int atCancel = requested();
    QTest::qWait(400); // anything still coming would arrive now
    QCOMPARE(finished.size(), 1);
    QCOMPARE(pagesAfterCancel, 0);
    // Page 1 alone, then at most the pages in flight (some may be cancelled before they are
    // even sent), and nothing after the cancel: nothing near the 67 pages.
    QVERIFY2(atCancel >= 1 && atCancel <= 1 + client.pageParallelism(),
             qPrintable(QString::number(atCancel)));
    QCOMPARE(requested(), atCancel);
    QVERIFY(m_emulator.configure({{QStringLiteral("latency"), 0}}));
}

void TestApiPaging::headersThatDisagree_data()
{
    QTest::addColumn<int>("scenario");
    QTest::addColumn<int>("expected");      // projects; -1: BadData
    QTest::addColumn<int>("requests");      // -1: not checked (parallel requests may overshoot)
    QTest::addColumn<qint64>("shownTotal"); // the largest total progress() ever announced
    QTest::newRow("Total too high: stops at the empty page")
        << int(Scenario::TotalTooHigh) << 600 << -1 << qint64(1500);
    QTest::newRow("Total too low: probes on while pages are full")
        << int(Scenario::TotalTooLow) << 650 << 3 << qint64(650);
    QTest::newRow("repeated IDs dropped")
        << int(Scenario::RepeatsAcrossPages) << 500 << 2 << qint64(600);
    QTest::newRow("smaller pages than asked, unannounced")
        << int(Scenario::SmallerPagesUnannounced) << 250 << 3 << qint64(250);
    QTest::newRow("no paging headers") << int(Scenario::NoHeaders) << 610 << 3 << qint64(-1);
    QTest::newRow("exact multiple: no extra request")
        << int(Scenario::ExactMultiple) << 600 << 2 << qint64(600);
    QTest::newRow("never ends: stops at maxPages")
        << int(Scenario::NeverEnds) << 1500 << 5 << qint64(-1);
    QTest::newRow("broken page") << int(Scenario::BrokenPage) << -1 << -1 << qint64(900);
    // Procore's Total is trusted only up to what maxPages (5 here) pages could hold: beyond it
    // the pages alone decide, so neither millions of planned pages nor "310 of 10^15".
    QTest::newRow("Total of 2^63-1: pages decide")
        << int(Scenario::TotalMaxInt64) << 310 << 2 << qint64(-1);
    QTest::newRow("Total beyond any fetch: pages decide")
        << int(Scenario::TotalBeyondAnyFetch) << 310 << 2 << qint64(-1);
    QTest::newRow("empty company") << int(Scenario::EmptyCompany) << 0 << 1 << qint64(0);
}

void TestApiPaging::headersThatDisagree()
{
    QFETCH(int, scenario);
    QFETCH(int, expected);
    QFETCH(int, requests);
    QFETCH(qint64, shownTotal);
    RecordingServer server;
    QVERIFY(server.listen());
    const QByteArray base = server.url().toEncoded();
    server.setHandler([scenario, base](const RecordedRequest &request) {
        return answer(Scenario(scenario), queryInt(request, "page"), base);
    });
    EmulatorTokenSource tokens;
    tokens.setTokens(QStringLiteral("fixed"), {}, QDateTime::currentDateTimeUtc().addSecs(3600));
    ApiClient client(server.url(), &tokens, &m_network);
    client.setMaxPages(5);
    QList<Project> projects;
    ProjectsJob *job = client.fetchProjects(5, QStringLiteral("Acme"));
    qint64 largestTotal = std::numeric_limits<qint64>::min();
    connect(job, &ProjectsJob::progress, this,
            [&](qint64, qint64 total) { largestTotal = std::max(largestTotal, total); });
    const ProcoreError error =
        ApiTest::run(job, [&](ProjectsJob *done) { projects = done->projects(); });
    if (expected > 0 || largestTotal != std::numeric_limits<qint64>::min())
        QCOMPARE(largestTotal, shownTotal);
    if (expected < 0) {
        QCOMPARE(error.kind, ProcoreError::Kind::BadData);
        return;
    }
    QVERIFY2(!error, ApiTest::describe(error));
    QCOMPARE(projects.size(), expected);
    QSet<qint64> ids;
    for (const Project &project : std::as_const(projects))
        ids.insert(project.id);
    QCOMPARE(ids.size(), expected);
    if (requests >= 0)
        QCOMPARE(server.requests().size(), requests);
    for (const RecordedRequest &request : server.requests())
        QVERIFY(queryInt(request, "page") <= 5);
}

QTEST_GUILESS_MAIN(TestApiPaging)
#include "tst_apipaging.moc"
