#include "session.h"

#include "api/apiclient.h"
#include "api/companiesjob.h"
#include "api/inactivecompaniescheck.h"
#include "api/mejob.h"
#include "api/projectsjob.h"
#include "common/logging.h"
#include "model/projectlistmodel.h"
#include "storage/loginprofile.h"

#include <QNetworkAccessManager>

#include <utility>

Session::Session(const Environment &environment, const ClientConfig &client, TokenStore *store,
                 QNetworkAccessManager *network, const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_auth(new ProcoreAuth(environment, client, store, network, this))
    , m_api(new ApiClient(environment.apiUrl(), m_auth, network, this))
    , m_projects(new ProjectListModel(this))
    , m_cache(cacheDirectory)
    , m_accountCache(m_cache.directory())
    , m_memory(environment.key())
    , m_loginProfileDir(LoginProfile::defaultDir(environment.key()))
{
    m_api->setCompaniesWithoutApp(m_memory.withoutApp());
    m_zones = new CompanyZones(environment, m_api, m_cache.directory(), this);
    connect(m_zones, &CompanyZones::ready, this, &Session::updateLoading);
    connect(m_api, &ApiClient::rateLimitWaitChanged, this, &Session::syncStatusChanged);
    connect(m_auth, &ProcoreAuth::signedIn, this, &Session::onSignedIn);
    connect(m_auth, &ProcoreAuth::signInNeeded, this, &Session::onSignInNeeded);
    connect(m_auth, &ProcoreAuth::authorizationUrlReady, this,
            [this](const QUrl &url) { emit authorizationUrlReady(url, m_signInMode); });
    connect(m_auth, &ProcoreAuth::signInFailed, this, [this](const ProcoreError &error) {
        setState(State::SignedOut);
        emit signInFailed(error);
    });
    connect(m_auth, &ProcoreAuth::errorOccurred, this, &Session::setProblem);
}

Session::~Session()
{
    cancelJobs();
}

QString Session::currentCompanyName() const
{
    const Company *current = company(m_companyId);
    return current ? current->name : QString();
}

QDateTime Session::rateLimitWait() const
{
    return m_api->rateLimitWait();
}

QUrl Session::projectWebUrl(qint64 projectId) const
{
    return m_zones->projectUrl(m_companyId, projectId);
}

void Session::setSignInWindowStopper(SignOutWipe::WindowStopper stopper)
{
    m_stopWindow = std::move(stopper);
}

void Session::start()
{
    setState(State::Starting);
    SignOutWipe::finishInterrupted(m_loginProfileDir);
    // A returning user sees the last list at once, while the keychain answers.
    if (m_auth->hasRememberedUser()) {
        showCachedAccount();
        m_companyId = m_memory.lastChosen();
        if (m_companyId != 0) {
            emit currentCompanyChanged(m_companyId);
            showCachedProjects(m_companyId);
        }
    }
    m_auth->restore();
}

void Session::signIn(ProcoreAuth::SignInMode mode)
{
    m_signInMode = mode;
    setState(State::SigningIn);
    m_auth->signIn(mode);
}

void Session::cancelSignIn()
{
    m_auth->cancelSignIn();
    if (m_state == State::SigningIn)
        setState(State::SignedOut);
}

void Session::signOut()
{
    if (m_state == State::Starting) {
        // The keychain has not answered yet: sign out what it finds as soon as it does, so the
        // stored grant is revoked and wiped too.
        m_signOutWhenRestored = true;
    }
    cancelJobs();
    m_projects->clear();
    m_shownCompanyId = 0;
    m_user = {};
    m_companies.clear();
    m_companiesKnown = false;
    m_syncedAt = {};
    m_offline = false;
    m_pendingLink = {};
    setProblem({});
    emit userChanged();
    emit companiesChanged();
    emit syncStatusChanged();
    if (!m_signOutWhenRestored)
        wipe();
}

void Session::wipe()
{
    if (m_wipe)
        return;
    m_wipe = new SignOutWipe(m_auth, {m_cache.directory(), m_loginProfileDir}, m_stopWindow, this);
    connect(m_wipe, &SignOutWipe::finished, this, [this](const QStringList &leftovers) {
        m_wipe->deleteLater();
        setState(State::SignedOut);
        if (!leftovers.isEmpty())
            emit signOutIncomplete(ProcoreError(
                ProcoreError::Kind::Config,
                tr("You are signed out, but some files of your account could not be deleted yet: "
                   "%1. Procore Desktop tries again when it next starts.")
                    .arg(leftovers.join(QStringLiteral(", "))),
                QStringLiteral("sign-out left files behind")));
        emit signedOut();
    });
    m_wipe->start();
}

void Session::refresh()
{
    if (m_state == State::SignedIn)
        loadEverything();
}

void Session::selectCompany(qint64 companyId)
{
    if (!company(companyId) || companyId == m_companyId)
        return;
    m_companyId = companyId;
    m_memory.setLastChosen(companyId);
    emit currentCompanyChanged(companyId);
    showCachedProjects(companyId);
    // Before the keychain has answered there is no token yet; onSignedIn loads this company.
    if (m_state == State::SignedIn)
        loadProjects();
}

void Session::openLink(const DeepLink &link)
{
    if (!link.isValid())
        return;
    m_pendingLink = link;
    tryApplyLink();
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Session::setProblem(const ProcoreError &problem)
{
    m_problem = problem;
    emit problemChanged(problem);
}

void Session::onSignedIn()
{
    if (std::exchange(m_signOutWhenRestored, false)) {
        wipe();
        return;
    }
    setState(State::SignedIn);
    if (m_problem.kind == ProcoreError::Kind::SignInNeeded)
        setProblem({});
    // Show the last list at once; Procore's answer replaces it when it comes.
    showCachedAccount();
    if (m_companyId == 0) {
        m_companyId = m_memory.lastChosen();
        if (m_companyId != 0)
            emit currentCompanyChanged(m_companyId);
    }
    if (m_companyId != 0 && m_shownCompanyId != m_companyId)
        showCachedProjects(m_companyId);
    loadEverything();
}

void Session::onSignInNeeded(const ProcoreError &reason)
{
    if (std::exchange(m_signOutWhenRestored, false)) {
        wipe(); // nothing stored, or unusable: still wipe it and say signed out
        return;
    }
    cancelJobs();
    setState(State::SignedOut);
    // A first run needs no banner; a revoked or lost sign-in does. The company, the list on
    // screen and any pending deep link stay for after the next sign-in.
    // When the keychain is what stands in the way, "Procore asked" would send the user to the
    // wrong place: its own message says what to unlock (found by tests/faults).
    if (reason.isError())
        setProblem(ProcoreError(ProcoreError::Kind::SignInNeeded,
                                reason.kind == ProcoreError::Kind::Keychain
                                    ? reason.message
                                    : tr("Procore asked you to sign in again."),
                                reason.detail));
}

void Session::onApiError(const ProcoreError &error)
{
    switch (error.kind) {
    case ProcoreError::Kind::SignInNeeded:
        onSignInNeeded(error);
        return;
    case ProcoreError::Kind::Offline:
    case ProcoreError::Kind::Timeout:
        m_offline = true;
        emit syncStatusChanged();
        setProblem(error);
        return;
    case ProcoreError::Kind::Cancelled:
        return;
    default:
        setProblem(error);
        return;
    }
}

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
    if (m_pendingLink.companyId != 0 && company(m_pendingLink.companyId))
        return m_pendingLink.companyId;
    if (company(m_companyId))
        return m_companyId;
    return m_memory.choose(m_companies);
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

void Session::tryApplyLink()
{
    if (!m_pendingLink.isValid() || m_state != State::SignedIn)
        return;
    const DeepLink link = m_pendingLink;
    if (m_companiesKnown && link.companyId != 0 && link.companyId != m_companyId) {
        if (!company(link.companyId)) {
            m_pendingLink = {};
            emit linkFailed(ProcoreError(
                ProcoreError::Kind::NotFound,
                tr("The link names company %1, which is not among your Procore companies. "
                   "Ask your Procore administrator for access.")
                    .arg(link.companyId)));
            return;
        }
        selectCompany(link.companyId);
        return;
    }
    if (m_shownCompanyId == m_companyId && m_projects->indexOfProject(link.projectId) >= 0) {
        m_pendingLink = {};
        emit projectFocusRequested(link.projectId);
        return;
    }
    // Not (yet) there: wait for the list unless it is complete or cannot come.
    if (isLoading() || !m_companiesKnown)
        return;
    m_pendingLink = {};
    emit linkFailed(ProcoreError(
        ProcoreError::Kind::NotFound,
        tr("Project %1 is not among your projects in %2: you may not have access to it. Ask your "
           "Procore administrator to add you to the project, or check the link.")
            .arg(link.projectId)
            .arg(currentCompanyName())));
}

const Company *Session::company(qint64 id) const
{
    for (const Company &candidate : m_companies) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}
