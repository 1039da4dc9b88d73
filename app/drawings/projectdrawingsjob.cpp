#include "projectdrawingsjob.h"

#include "api/apiclient.h"
#include "api/apierrors.h"
#include "api/drawinglistjob.h"

namespace {
constexpr int AreasAtOnce = 3;
}

ProjectDrawingsJob::ProjectDrawingsJob(ApiClient *api, qint64 companyId, const QString &companyName,
                                       qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_companyId(companyId)
    , m_companyName(companyName)
    , m_projectId(projectId)
{}

ProjectDrawingsJob::~ProjectDrawingsJob()
{
    for (const QPointer<DrawingListJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void ProjectDrawingsJob::start()
{
    DrawingListJob *job = m_api->fetchDrawingAreas(m_companyId, m_companyName, m_projectId);
    m_jobs.append(job);
    connect(job, &DrawingListJob::finished, this, [this, job](const ProcoreError &error) {
        if (error) {
            finish(error);
            return;
        }
        m_areas = job->areas();
        m_perArea.resize(m_areas.size());
        if (m_areas.isEmpty())
            finish({});
        else
            listNextAreas();
    });
}

void ProjectDrawingsJob::listNextAreas()
{
    while (!m_finished && m_running < AreasAtOnce && m_nextArea < m_areas.size()) {
        const int index = m_nextArea++;
        DrawingListJob *job =
            m_api->fetchDrawings(m_companyId, m_companyName, m_projectId, m_areas.at(index).id);
        m_jobs.append(job);
        ++m_running;
        connect(job, &DrawingListJob::finished, this,
                [this, job, index](const ProcoreError &error) {
                    --m_running;
                    if (error) {
                        finish(error);
                        return;
                    }
                    m_perArea[index] = job->drawings();
                    if (m_running == 0 && m_nextArea == m_areas.size())
                        finish({});
                    else
                        listNextAreas();
                });
    }
}

QList<Drawing> ProjectDrawingsJob::drawings() const
{
    QList<Drawing> all;
    for (const QList<Drawing> &area : m_perArea)
        all += area;
    return all;
}

void ProjectDrawingsJob::cancel()
{
    finish(ApiErrors::cancelled());
}

void ProjectDrawingsJob::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    for (const QPointer<DrawingListJob> &job : std::as_const(m_jobs)) {
        if (job && !job->isFinished()) {
            job->disconnect(this);
            job->cancel();
        }
    }
    emit finished(error);
    deleteLater();
}
