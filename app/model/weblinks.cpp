#include "weblinks.h"

#include <QString>

namespace WebLinks {

namespace {
struct Entry
{
    Route route;
    const char *pattern; // {company} and {project} are replaced
    bool needsProject;
};

constexpr Entry routes[] = {
    {Route::ProjectHome, "/{project}/project/home", true},
    {Route::CompanyHome, "/{company}/company/home", false},
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

} // namespace WebLinks
