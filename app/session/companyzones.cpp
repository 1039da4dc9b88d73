#include "companyzones.h"

#include "api/apiclient.h"
#include "api/companyzonejob.h"
#include "common/logging.h"
#include "model/weblinks.h"

#include <QTimer>

CompanyZones::CompanyZones(const Environment &environment, ApiClient *api,
                           const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_api(api)
    , m_cache(cacheDirectory)
    , m_bases(m_cache.webBases(environment.key()))
{}

CompanyZones::~CompanyZones()
{
    cancel();
}

QUrl CompanyZones::webBase(qint64 companyId) const
{
    const auto known = m_bases.constFind(companyId);
    if (known != m_bases.cend())
        return *known;
    qCInfo(lcApi).noquote() << "no zone host known for company" << companyId << "- links use"
                            << m_environment.webUrl().toString();
    return m_environment.webUrl();
}

QUrl CompanyZones::projectUrl(qint64 companyId, qint64 projectId) const
{
    return WebLinks::projectHome(webBase(companyId), companyId, projectId);
}

void CompanyZones::ensure(qint64 companyId)
{
    if (companyId <= 0)
        return;
    if (m_bases.contains(companyId)) {
        QTimer::singleShot(0, this, [this, companyId] { emit ready(companyId); });
        return;
    }
    if (m_job && m_job->companyId() == companyId)
        return;
    cancel();
    CompanyZoneJob *job = m_api->fetchCompanyZone(companyId);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, companyId](const ProcoreError &error) {
        if (job != m_job)
            return; // cancelled
        m_job.clear();
        if (error.isError()) {
            qCWarning(lcApi).noquote() << "company_base_url failed for company" << companyId << "("
                                       << ProcoreError::kindName(error.kind) << error.detail
                                       << ") - links use" << m_environment.webUrl().toString();
        } else {
            m_bases.insert(companyId, job->webBaseUrl());
            m_cache.saveWebBase(m_environment.key(), companyId, job->webBaseUrl());
            qCInfo(lcApi).noquote() << "company" << companyId << "is in zone" << job->zone() << "at"
                                    << job->webBaseUrl().toString();
        }
        emit ready(companyId);
    });
}

void CompanyZones::cancel()
{
    if (CompanyZoneJob *job = m_job.data()) {
        m_job.clear();
        job->cancel();
    }
}
