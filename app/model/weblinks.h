#pragma once

#include <QList>
#include <QUrl>

// The one table of routes into Procore's web app. Procore documents no deep-link format: these
// routes come from its side-panel documentation and third-party code (source() says which),
// so a wrong one is fixed here, once. Every host is the company's zone host (`web_base_url`
// of GET /rest/v1.0/company_base_url), never a fixed one.
namespace WebLinks {

enum class Route {
    ProjectHome, // /{project_id}/project/home
    CompanyHome, // /{company_id}/company/home
    // A project's tools, in the order menus offer them (projectTools()).
    Drawings,
    Documents,
    Rfis,
    Submittals,
    DailyLog,
    Photos,
    PunchList,
    Directory,
};

// `webBase` plus the route's path; an invalid URL when the base is not absolute or an ID is
// not positive.
QUrl url(const QUrl &webBase, Route route, qint64 companyId, qint64 projectId = 0);
inline QUrl projectHome(const QUrl &webBase, qint64 companyId, qint64 projectId)
{
    return url(webBase, Route::ProjectHome, companyId, projectId);
}

// Home first, then every tool of a project, in menu order.
QList<Route> projectTools();
// Where the route's pattern was seen (for whoever corrects the table).
QString source(Route route);

} // namespace WebLinks
