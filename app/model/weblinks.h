#pragma once

#include <QUrl>

// The one table of routes into Procore's web app. Procore documents no deep-link format: these
// routes come from its side-panel documentation and third-party code, so a wrong one is fixed
// here, once. Every host is the company's zone host (`web_base_url` of
// GET /rest/v1.0/company_base_url), never a fixed one.
namespace WebLinks {

enum class Route {
    ProjectHome, // /{project_id}/project/home
    CompanyHome, // /{company_id}/company/home
};

// `webBase` plus the route's path; an invalid URL when the base is not absolute or an ID is
// not positive.
QUrl url(const QUrl &webBase, Route route, qint64 companyId, qint64 projectId = 0);
inline QUrl projectHome(const QUrl &webBase, qint64 companyId, qint64 projectId)
{
    return url(webBase, Route::ProjectHome, companyId, projectId);
}

} // namespace WebLinks
