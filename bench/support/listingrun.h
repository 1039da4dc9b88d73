#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

// One bulk listing of a company's projects, the app's way and curl's, for bench-listing and
// bench-slowlink: the same pages, page size, parallelism and headers for both.
namespace ListingRun {

struct Setup
{
    QUrl apiUrl;
    QString token;
    qint64 companyId = 0;
    int projects = 0; // in the company: what the model must hold at the end
    int perPage = 300;
    int parallel = 4;
    int pages() const { return (projects + perPage - 1) / perPage; }
};

// Seconds from ApiClient::fetchProjects() to the job's finished(), with every project appended
// to a ProjectListModel (and, with `filtered`, a ProjectFilterModel watching it, as in the
// window); NaN when it failed. `network` should be fresh, like a new curl process.
double app(const Setup &setup, QNetworkAccessManager *network, bool filtered = false);

// curl --parallel --parallel-max <parallel> over every page with the app's headers, bodies to
// /dev/null, printing each status.
QStringList curlArguments(const Setup &setup);

// Wall time of one curl process (just before exec to reaped); NaN unless exactly
// `expectedOk` answers were 200.
double curl(const QStringList &arguments, int expectedOk);

} // namespace ListingRun
