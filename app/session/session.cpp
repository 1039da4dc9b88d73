#include "session.h"

#include "api/apiclient.h"
#include "api/companiesjob.h"
#include "api/inactivecompaniescheck.h"
#include "api/mejob.h"
#include "api/projectsjob.h"
#include "common/logging.h"
#include "drawings/offlinedrawings.h"
#include "model/projectlistmodel.h"
#include "storage/loginprofile.h"

#include <QNetworkAccessManager>

#include <utility>

Session::Parts Session::makeParts(const Environment &environment, const ClientConfig &client,
                                  TokenStore *store, QNetworkAccessManager *network)
{
    Parts parts;
    parts.auth = new ProcoreAuth(environment, client, store, network);
    parts.api = new ApiClient(environment.apiUrl(), parts.auth, network);
    return parts;
}

Session::Session(const Environment &environment, const ClientConfig &client, TokenStore *store,
                 QNetworkAccessManager *network, const QString &cacheDirectory, QObject *parent)
    : Session(makeParts(environment, client, store, network), cacheDirectory, parent)
{}

Session::Session(Parts parts, const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_environment(parts.auth->environment())
    , m_auth(parts.auth)
    , m_api(parts.api)
    , m_projects(new ProjectListModel(this))
    , m_cache(cacheDirectory)
    , m_accountCache(m_cache.directory())
    , m_memory(m_environment.key())
    , m_loginProfileDir(LoginProfile::defaultDir(m_environment.key()))
    , m_cacheDirectoryGiven(!cacheDirectory.isEmpty())
{
    m_auth->setParent(this);
    m_api->setParent(this);
    m_api->setCompaniesWithoutApp(m_memory.withoutApp());
    m_zones = new CompanyZones(m_environment, m_api, m_cache.directory(), this);
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
    // Favourites and recent projects follow whoever is signed in and the company shown.
    m_shortlists = new ProjectShortlists(this);
    const auto rescope = [this] {
        m_shortlists->setScope(m_environment.key(), m_user.id, m_user.id ? m_companyId : 0);
    };
    connect(this, &Session::userChanged, this, rescope);
    connect(this, &Session::currentCompanyChanged, this, rescope);
    m_details = new ProjectDetailsLoader(m_api, m_environment.key(), m_cache.directory(), this);
    // Drawings kept offline belong to the user and company shown, like the shortlists.
    m_drawings = new OfflineDrawings(m_api, m_api->network(), m_environment.key(),
                                     drawingsDirectory(), this);
    const auto reaccount = [this] {
        m_drawings->setAccount(m_user.id, m_user.id ? m_companyId : 0, currentCompanyName());
    };
    connect(this, &Session::userChanged, this, reaccount);
    connect(this, &Session::currentCompanyChanged, this, reaccount);
    connect(this, &Session::companiesChanged, this, reaccount);
}

QString Session::drawingsDirectory() const
{
    // Beside the project copies when a test or a portable setup moved them.
    return m_cacheDirectoryGiven ? m_cache.directory() + QStringLiteral("/drawings")
                                 : DrawingStore::defaultRoot();
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

QUrl Session::redirectUri() const
{
    return QUrl(m_auth->client().redirectUri);
}

QDateTime Session::rateLimitWait() const
{
    return m_api->rateLimitWait();
}

QUrl Session::projectWebUrl(qint64 projectId) const
{
    return m_zones->projectUrl(m_companyId, projectId);
}

QUrl Session::projectToolUrl(qint64 projectId, WebLinks::Route route) const
{
    return WebLinks::url(m_zones->webBase(m_companyId), route, m_companyId, projectId);
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

ProcoreError Session::completeSignIn(const QUrl &redirect)
{
    const ProcoreError refused = m_auth->completeSignIn(redirect);
    if (refused)
        cancelSignIn();
    return refused;
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
    m_details->clear();
    m_drawings->setAccount(0, 0, {}); // stops syncs before their folders go
    m_wipe = new SignOutWipe(m_auth, {m_cache.directory(), m_loginProfileDir, drawingsDirectory()},
                             m_stopWindow, this);
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
    return Company::find(m_companies, id);
}
