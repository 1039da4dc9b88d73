#include "projectdetailsloader.h"

#include "api/apiclient.h"
#include "api/projectjob.h"
#include "common/logging.h"

ProjectDetailsLoader::ProjectDetailsLoader(ApiClient *api, const QString &environmentKey,
                                           const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_environmentKey(environmentKey)
    , m_cache(cacheDirectory)
{}

ProjectDetailsLoader::~ProjectDetailsLoader()
{
    if (m_job)
        m_job->cancel();
}

QHash<qint64, Project> &ProjectDetailsLoader::company(qint64 companyId) const
{
    auto found = m_known.find(companyId);
    if (found != m_known.end())
        return *found;
    QHash<qint64, Project> &projects = m_known[companyId];
    QList<qint64> &order = m_order[companyId];
    if (const auto entry = m_cache.load(m_environmentKey, companyId, ProjectCache::Kind::Details)) {
        for (const Project &project : entry->projects) {
            if (!projects.contains(project.id))
                order.append(project.id);
            projects.insert(project.id, project);
        }
    }
    return projects;
}

std::optional<Project> ProjectDetailsLoader::known(qint64 companyId, qint64 projectId) const
{
    const QHash<qint64, Project> &projects = company(companyId);
    const auto found = projects.constFind(projectId);
    if (found == projects.constEnd())
        return std::nullopt;
    return *found;
}

void ProjectDetailsLoader::load(qint64 companyId, const QString &companyName, qint64 projectId)
{
    if (companyId <= 0 || projectId <= 0 || m_fetched.contains(projectId))
        return;
    if (m_job) {
        // Its project was not fetched after all: a later selection may ask again.
        m_fetched.remove(m_job->projectId());
        m_job->cancel();
    }
    m_fetched.insert(projectId);
    ProjectJob *job = m_api->fetchProject(companyId, companyName, projectId);
    m_job = job;
    connect(job, &ApiJob::finished, this,
            [this, job](const ProcoreError &error) { onFinished(job, error); });
}

void ProjectDetailsLoader::onFinished(ProjectJob *job, const ProcoreError &error)
{
    if (m_job == job)
        m_job.clear();
    const qint64 projectId = job->projectId();
    if (error.kind == ProcoreError::Kind::Cancelled)
        return;
    if (error.isError()) {
        // Tried again at the next selection after a passing failure (offline, 5xx).
        if (error.kind != ProcoreError::Kind::NotFound)
            m_fetched.remove(projectId);
        qCInfo(lcApi) << "project" << projectId << "not loaded in full:" << error.detail;
        emit failed(projectId, error);
        return;
    }
    const Project project = job->project();
    QHash<qint64, Project> &projects = company(project.companyId);
    QList<qint64> &order = m_order[project.companyId];
    order.removeAll(project.id);
    order.append(project.id);
    projects.insert(project.id, project);
    while (order.size() > MaxKeptPerCompany)
        projects.remove(order.takeFirst());
    save(project.companyId, project.companyName);
    emit loaded(project);
}

void ProjectDetailsLoader::save(qint64 companyId, const QString &companyName)
{
    QList<Project> projects;
    const QHash<qint64, Project> &known = m_known.value(companyId);
    for (const qint64 id : m_order.value(companyId))
        projects.append(known.value(id));
    QString error;
    if (!m_cache.save(m_environmentKey, companyId, companyName, projects,
                      QDateTime::currentDateTimeUtc(), &error, ProjectCache::Kind::Details))
        qCWarning(lcModel) << "could not keep the project's details offline:" << error;
}

void ProjectDetailsLoader::clear()
{
    if (m_job)
        m_job->cancel();
    m_known.clear();
    m_order.clear();
    m_fetched.clear();
}
