// Session's loading half: the user, the companies (inactive ones checked), the chosen
// company's projects and its zone, and the jobs behind them. Split from session.cpp by size.
#include "session.h"

#include "api/apiclient.h"
#include "api/companiesjob.h"
#include "api/inactivecompaniescheck.h"
#include "api/mejob.h"
#include "api/projectsjob.h"
#include "common/logging.h"
#include "model/projectlistmodel.h"

void Session::loadEverything()
{
    cancelJobs();
    m_meJob = m_api->fetchMe();
    connect(m_meJob, &ApiJob::finished, this, [this, job = m_meJob](const ProcoreError &error) {
        if (job != m_meJob)
            return; // cancelled or superseded
        m_meJob.clear();
        updateLoading();
        if (error.isError())
            return onApiError(error);
        m_user = job->user();
        emit userChanged();
        saveAccount();
    });
    m_companiesJob = m_api->fetchCompanies();
    connect(m_companiesJob, &ApiJob::finished, this,
            [this, job = m_companiesJob](const ProcoreError &error) {
                if (job != m_companiesJob)
                    return; // cancelled or superseded
                m_companiesJob.clear();
                updateLoading();
                if (error.isError()) {
                    onApiError(error);
                    // Offline with a cached list: the user still has something to look at.
                    tryApplyLink();
                    return;
                }
                checkCompanies(job->companies());
            });
    updateLoading();
}

void Session::showCachedAccount()
{
    if (m_companiesKnown || m_user.id != 0)
        return;
    const auto cached = m_accountCache.load(m_environment.key());
    if (!cached)
        return;
    // Display only: m_companiesKnown stays false until Procore has answered.
    m_user = cached->user;
    m_companies = cached->companies;
    emit userChanged();
    emit companiesChanged();
}

void Session::saveAccount()
{
    if (m_user.id != 0 && m_companiesKnown)
        m_accountCache.save(m_environment.key(), {m_user, m_companies});
}

void Session::checkCompanies(const QList<Company> &companies)
{
    auto *check = new InactiveCompaniesCheck(m_api, companies);
    m_companiesCheck = check;
    connect(check, &InactiveCompaniesCheck::finished, this,
            [this, check](const ProcoreError &error) {
                if (check != m_companiesCheck)
                    return; // cancelled
                m_companiesCheck.clear();
                updateLoading();
                if (error.isError()) {
                    onApiError(error);
                    tryApplyLink();
                    return;
                }
                onCompanies(check->companies());
            });
    check->start();
    updateLoading();
}

void Session::onCompanies(const QList<Company> &companies)
{
    m_companies = companies;
    m_companiesKnown = true;
    emit companiesChanged();
    saveAccount();
    if (companies.isEmpty()) {
        m_projects->clear();
        m_shownCompanyId = 0;
        setProblem(ProcoreError(ProcoreError::Kind::NotFound,
                                tr("Your Procore account has no companies this app can see.")));
        return;
    }
    const qint64 chosen = chooseCompany();
    if (chosen != m_companyId) {
        m_companyId = chosen;
        m_memory.setLastChosen(chosen);
        showCachedProjects(chosen);
    }
    emit currentCompanyChanged(m_companyId);
    loadProjects();
}

qint64 Session::chooseCompany() const
{
    return m_memory.choose(m_companies, {m_pendingLink.companyId, m_companyId});
}

void Session::showCachedProjects(qint64 companyId)
{
    const auto cached = m_cache.load(m_environment.key(), companyId);
    if (cached) {
        m_projects->setProjects(cached->projects);
        m_syncedAt = cached->syncedAt;
    } else {
        m_projects->clear();
        m_syncedAt = {};
    }
    m_shownCompanyId = companyId;
    emit syncStatusChanged();
}

void Session::loadProjects()
{
    if (m_projectsJob)
        m_projectsJob->cancel();
    const QString name = currentCompanyName();
    // A list already on screen stays until the new one is complete; an empty one fills as
    // the pages arrive.
    m_replaceOnFinish = m_projects->count() > 0;
    ProjectsJob *job = m_api->fetchProjects(m_companyId, name);
    m_projectsJob = job;
    if (!m_replaceOnFinish) {
        connect(job, &ProjectsJob::pageArrived, this, [this](const QList<Project> &page) {
            m_projects->appendProjects(page);
            tryApplyLink();
        });
    }
    connect(job, &ProjectsJob::progress, this, &Session::progressChanged);
    connect(job, &ProjectsJob::finished, this,
            [this, job](const ProcoreError &error) { onProjectsFinished(job, error); });
    updateLoading();
}

void Session::onProjectsFinished(ProjectsJob *job, const ProcoreError &error)
{
    if (job != m_projectsJob)
        return; // superseded by a newer request
    m_projectsJob.clear();
    updateLoading();
    if (error.isError()) {
        if (error.kind == ProcoreError::Kind::Forbidden) {
            // Not opened first next time; the user stays signed in and can switch.
            m_memory.setHasApp(job->companyId(), false);
            // Another company's list must not pose as this one's.
            m_projects->clear();
            m_syncedAt = {};
            emit syncStatusChanged();
        }
        onApiError(error);
        tryApplyLink();
        return;
    }
    m_memory.setHasApp(job->companyId(), true);
    // Only now, for a company that answers: once per company for the account's lifetime.
    m_zones->ensure(job->companyId());
    updateLoading();
    const QList<Project> projects = job->projects();
    if (m_replaceOnFinish)
        m_projects->setProjects(projects);
    m_shownCompanyId = job->companyId();
    m_syncedAt = QDateTime::currentDateTimeUtc();
    m_offline = false;
    QString cacheError;
    if (!m_cache.save(m_environment.key(), job->companyId(), job->companyName(), projects,
                      m_syncedAt, &cacheError))
        qCWarning(lcModel) << "could not write the offline copy:" << cacheError;
    emit syncStatusChanged();
    if (m_problem.isError() && m_problem.kind != ProcoreError::Kind::Keychain)
        setProblem({});
    tryApplyLink();
}

void Session::cancelJobs()
{
    // Cleared first so their finished(Cancelled) is recognised as stale.
    if (MeJob *job = m_meJob) {
        m_meJob.clear();
        job->cancel();
    }
    if (CompaniesJob *job = m_companiesJob) {
        m_companiesJob.clear();
        job->cancel();
    }
    if (InactiveCompaniesCheck *check = m_companiesCheck) {
        m_companiesCheck.clear();
        check->cancel();
    }
    if (ProjectsJob *job = m_projectsJob) {
        m_projectsJob.clear();
        job->cancel();
    }
    m_zones->cancel();
    updateLoading();
}

void Session::updateLoading()
{
    const bool loading =
        m_meJob || m_companiesJob || m_companiesCheck || m_projectsJob || m_zones->isBusy();
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}
