#include "projectjob.h"

#include "apiclient.h"
#include "apierrors.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace {
QUrl projectUrl(qint64 companyId, qint64 projectId)
{
    QUrl url(QStringLiteral("/rest/v1.0/projects/%1").arg(projectId));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("company_id"), QString::number(companyId));
    url.setQuery(query);
    return url;
}
} // namespace

ProjectJob::ProjectJob(ApiClient *client, qint64 companyId, const QString &companyName,
                       qint64 projectId)
    : ApiJob(client, client->resolve(projectUrl(companyId, projectId)), companyId, companyName)
    , m_projectId(projectId)
    , m_companyId(companyId)
    , m_companyName(companyName)
{}

ProjectJob::~ProjectJob() = default;

ProcoreError ProjectJob::parseBody(const QByteArray &body)
{
    QJsonDocument document;
    if (ProcoreError error =
            ApiErrors::parseJson(body, QJsonValue::Object, QStringLiteral("project"), &document))
        return error;
    QString why;
    auto project = Project::fromJson(document.object(), &why);
    if (!project)
        return ApiErrors::badData(QStringLiteral("project: ") + why);
    // Another project than the one asked for would land in the wrong row.
    if (project->id != m_projectId)
        return ApiErrors::badData(
            QStringLiteral("project: asked for %1, got %2").arg(m_projectId).arg(project->id));
    // The list's company is the truth; a missing or other company in the answer is ignored.
    project->companyId = m_companyId;
    if (project->companyName.isEmpty())
        project->companyName = m_companyName;
    m_project = *project;
    return {};
}
