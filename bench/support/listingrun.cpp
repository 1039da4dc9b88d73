#include "listingrun.h"

#include "api/apiclient.h"
#include "api/projectsjob.h"
#include "benchclock.h"
#include "emulatortokensource.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "spawnedprocess.h"
#include "waituntil.h"

#include <QTextStream>

#include <cmath>
#include <memory>

namespace ListingRun {

double app(const Setup &setup, QNetworkAccessManager *network, bool filtered)
{
    EmulatorTokenSource tokens; // no refresh token: a refused token fails the run
    tokens.setTokens(setup.token, {}, QDateTime::currentDateTimeUtc().addDays(1));
    ApiClient client(setup.apiUrl, &tokens, network);
    client.setPageSize(setup.perPage);
    client.setPageParallelism(setup.parallel);
    ProjectListModel model;
    std::unique_ptr<ProjectFilterModel> filter;
    if (filtered) {
        filter = std::make_unique<ProjectFilterModel>();
        filter->setSourceModel(&model);
    }
    bool done = false;
    ProcoreError failure;
    const double start = monotonicSeconds();
    double end = 0;
    ProjectsJob *job = client.fetchProjects(setup.companyId, QStringLiteral("Bench"));
    QObject::connect(job, &ProjectsJob::pageArrived, &model, &ProjectListModel::appendProjects);
    QObject::connect(job, &ProjectsJob::finished, &model, [&](const ProcoreError &error) {
        end = monotonicSeconds();
        failure = error;
        done = true;
    });
    if (!waitUntil([&] { return done; }, 120000) || failure.isError() ||
        model.count() != setup.projects || (filter && filter->rowCount() != setup.projects)) {
        QTextStream(stderr) << "app listing failed: " << failure.detail << " (" << model.count()
                            << " rows)" << Qt::endl;
        return std::nan("");
    }
    return end - start;
}

QStringList curlArguments(const Setup &setup)
{
    QStringList arguments = {
        QStringLiteral("-sS"),
        QStringLiteral("--parallel"),
        QStringLiteral("--parallel-max"),
        QString::number(setup.parallel),
        QStringLiteral("-H"),
        QStringLiteral("Authorization: Bearer %1").arg(setup.token),
        QStringLiteral("-H"),
        QStringLiteral("Procore-Company-Id: %1").arg(setup.companyId),
        QStringLiteral("-w"),
        QStringLiteral("%{http_code}\\n"),
    };
    for (int page = 1; page <= setup.pages(); ++page) {
        arguments << QStringLiteral("-o") << QStringLiteral("/dev/null")
                  << setup.apiUrl.toString() +
                         QStringLiteral("/rest/v1.1/projects?company_id=%1&page=%2&per_page=%3&"
                                        "filters%5Bby_status%5D=All")
                             .arg(setup.companyId)
                             .arg(page)
                             .arg(setup.perPage);
    }
    return arguments;
}

double curl(const QStringList &arguments, int expectedOk)
{
    SpawnedProcess curl;
    if (!curl.start(QStringLiteral("curl"), arguments) || !curl.waitForExit(120000) ||
        curl.exitCode() != 0)
        return std::nan("");
    int ok = 0;
    for (const QByteArray &line : curl.lines())
        ok += line.trimmed() == "200";
    if (ok != expectedOk) {
        QTextStream(stderr) << "curl: " << ok << " of " << expectedOk << " answers were 200"
                            << Qt::endl;
        return std::nan("");
    }
    return curl.endTime() - curl.startTime();
}

} // namespace ListingRun
