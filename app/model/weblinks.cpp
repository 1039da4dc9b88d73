#include "weblinks.h"

#include <QString>

namespace WebLinks {

namespace {
struct Entry
{
    Route route;
    const char *pattern; // {company} and {project} are replaced
    bool needsProject;
    const char *source;
};

// Sources: ../shared/procore-api.md. "side panel" = building_applications/side_panel_view_keys.md.
// Procore moves tools to the newer /webclients/host/… form one by one; where only that form
// is known, it is used.

constexpr Entry routes[] = {
    {Route::ProjectHome, "/{project}/project/home", true, "third-party code"},
    {Route::CompanyHome, "/{company}/company/home", false, "third-party code"},
    {Route::Drawings, "/webclients/host/companies/{company}/projects/{project}/tools/drawings",
     true, "side panel (newer route), third-party code"},
    {Route::Documents, "/{project}/project/documents", true, "side panel (legacy route)"},
    {Route::Rfis, "/{project}/project/rfi", true, "side panel (legacy route)"},
    {Route::Submittals, "/webclients/host/companies/{company}/projects/{project}/tools/submittals",
     true, "unconfirmed: the newer route's pattern with the tool's name"},
    {Route::DailyLog, "/{project}/project/daily_log/list", true, "side panel (legacy route)"},
    {Route::Photos, "/{project}/project/photos", true, "side panel (legacy route)"},
    {Route::PunchList, "/webclients/host/companies/{company}/projects/{project}/tools/punchlist",
     true, "unconfirmed: the newer route's pattern with the tool's name"},
    {Route::Directory, "/{project}/project/directory", true, "side panel (legacy route)"},
};
} // namespace

QUrl url(const QUrl &webBase, Route route, qint64 companyId, qint64 projectId)
{
    if (!webBase.isValid() || webBase.isRelative() || webBase.host().isEmpty() || companyId <= 0)
        return {};
    for (const Entry &entry : routes) {
        if (entry.route != route)
            continue;
        if (entry.needsProject && projectId <= 0)
            return {};
        QString path = QString::fromLatin1(entry.pattern);
        path.replace(QLatin1String("{company}"), QString::number(companyId));
        path.replace(QLatin1String("{project}"), QString::number(projectId));
        QUrl result = webBase.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
        QString basePath = result.path();
        while (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        result.setPath(basePath + path);
        return result;
    }
    return {};
}

QList<Route> projectTools()
{
    QList<Route> tools;
    for (const Entry &entry : routes) {
        if (entry.needsProject)
            tools.append(entry.route);
    }
    return tools;
}

QString source(Route route)
{
    for (const Entry &entry : routes) {
        if (entry.route == route)
            return QString::fromLatin1(entry.source);
    }
    return {};
}

} // namespace WebLinks
