#pragma once

#include "accountcache.h"
#include "auth/procoreauth.h"
#include "common/procoreerror.h"
#include "companymemory.h"
#include "companyzones.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "links/deeplink.h"
#include "model/company.h"
#include "model/projectcache.h"
#include "model/user.h"
#include "model/weblinks.h"
#include "projectdetailsloader.h"
#include "projectshortlists.h"
#include "signoutwipe.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

class ApiClient;
class CompaniesJob;
class InactiveCompaniesCheck;
class MeJob;
class OfflineDrawings;
class ProjectListModel;
class ProjectsJob;
class QNetworkAccessManager;
class TokenStore;

// Everything the window shows, without the window: sign-in state, the user, their companies,
// the chosen company's projects (from the offline cache first, then from Procore), the sync
// status, the one problem worth a banner, and deep links waiting for their project. The UI
// calls the slots and draws what the signals say; tests drive it headless.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    enum class State {
        Starting,  // reading the keychain
        SignedOut, // no usable tokens (problem() says why, when it was not the user's choice)
        SigningIn, // the login page or browser is out, or the code is being exchanged
        SignedIn,
    };
    Q_ENUM(State)

    // What the session drives: the sign-in and token owner and the REST client over it.
    struct Parts
    {
        ProcoreAuth *auth = nullptr;
        ApiClient *api = nullptr;
    };
    // The parts for an environment, unowned until a Session takes them; tests and tools tune
    // them (timeouts, page size, retries) before they do. `store` and `network` are not owned
    // and must outlive the parts.
    static Parts makeParts(const Environment &environment, const ClientConfig &client,
                           TokenStore *store, QNetworkAccessManager *network);

    // `store` and `network` are not owned and must outlive the session.
    Session(const Environment &environment, const ClientConfig &client, TokenStore *store,
            QNetworkAccessManager *network, const QString &cacheDirectory = {},
            QObject *parent = nullptr);
    // Takes `parts` over (they become its children).
    explicit Session(Parts parts, const QString &cacheDirectory = {}, QObject *parent = nullptr);
    ~Session() override;

    State state() const { return m_state; }
    Environment environment() const { return m_environment; }
    // Where the sign-in answer must go: the login window catches navigations to it.
    QUrl redirectUri() const;
    ProjectListModel *projects() const { return m_projects; }

    User user() const { return m_user; }
    QList<Company> companies() const { return m_companies; }
    qint64 currentCompanyId() const { return m_companyId; }
    QString currentCompanyName() const;

    // Any request to Procore under way (user, companies, projects or the company's zone).
    bool isLoading() const { return m_loading; }
    // When the shown list last came from Procore (UTC; invalid when never).
    QDateTime lastSynced() const { return m_syncedAt; }
    // The shown list is an older copy because Procore could not be reached.
    bool isOffline() const { return m_offline; }
    // Until when loading waits on Procore's rate limit (UTC); invalid when it does not.
    QDateTime rateLimitWait() const;
    // What the banner should say; None when all is well.
    ProcoreError problem() const { return m_problem; }
    DeepLink pendingLink() const { return m_pendingLink; }

    // The project's page in Procore's web app, on its company's zone host.
    QUrl projectWebUrl(qint64 projectId) const;
    // One of the project's tools (WebLinks' table) on its company's zone host.
    QUrl projectToolUrl(qint64 projectId, WebLinks::Route route) const;
    CompanyZones *zones() const { return m_zones; }
    // Favourites and recently opened projects of the signed-in user in the current company.
    ProjectShortlists *shortlists() const { return m_shortlists; }
    // The selected project in full, for the details pane.
    ProjectDetailsLoader *details() const { return m_details; }
    // Drawing sets of the user's current company, and those kept offline.
    OfflineDrawings *drawings() const { return m_drawings; }
    // Where the offline drawings live (wiped at sign-out).
    QString drawingsDirectory() const;

    // The sign-in window's browser profile, wiped at sign-out (default: this environment's
    // LoginProfile::defaultDir), and how to close that window first.
    QString loginProfileDir() const { return m_loginProfileDir; }
    void setLoginProfileDir(const QString &dir) { m_loginProfileDir = dir; }
    void setSignInWindowStopper(SignOutWipe::WindowStopper stopper);

public slots:
    void start();
    void signIn(ProcoreAuth::SignInMode mode = ProcoreAuth::SignInMode::Embedded);
    void cancelSignIn();
    // Hands over the redirect the login window or browser caught. None when the answer was
    // taken (signed in or signInFailed follows); otherwise why it was refused, and the attempt
    // is over (SignedOut), because no window is left to finish it in.
    ProcoreError completeSignIn(const QUrl &redirect);
    void signOut();
    // Fetches the user, the companies and the current company's projects again.
    void refresh();
    void selectCompany(qint64 companyId);
    // Selects the project once it is known; kept through a sign-in.
    void openLink(const DeepLink &link);

signals:
    void stateChanged(Session::State state);
    void userChanged();
    void companiesChanged();
    void currentCompanyChanged(qint64 companyId);
    void loadingChanged(bool loading);
    void progressChanged(qint64 received, qint64 total);
    void syncStatusChanged();
    void problemChanged(const ProcoreError &problem);
    void authorizationUrlReady(const QUrl &url, ProcoreAuth::SignInMode mode);
    void signInFailed(const ProcoreError &error);
    // A deep link found its project: select it and show its details.
    void projectFocusRequested(qint64 projectId);
    // A deep link could not be followed; the app goes on as it was.
    void linkFailed(const ProcoreError &error);
    // After signedOut(): these files of the account could not be deleted (a locked file);
    // the message says so, and the sign-in profile's rest goes at the next start.
    void signOutIncomplete(const ProcoreError &error);
    void signedOut();

private:
    void setState(State state);
    void setProblem(const ProcoreError &problem);
    void onSignedIn();
    void onSignInNeeded(const ProcoreError &reason);
    void onApiError(const ProcoreError &error);
    void loadEverything();
    void showCachedAccount();
    void saveAccount();
    // Inactive companies only where the user still sees projects, then onCompanies().
    void checkCompanies(const QList<Company> &companies);
    void onCompanies(const QList<Company> &companies);
    qint64 chooseCompany() const;
    void showCachedProjects(qint64 companyId);
    void loadProjects();
    void onProjectsFinished(ProjectsJob *job, const ProcoreError &error);
    void cancelJobs();
    void wipe();
    void updateLoading();
    void tryApplyLink();
    const Company *company(qint64 id) const;

    Environment m_environment;
    ProcoreAuth *m_auth = nullptr;
    ApiClient *m_api = nullptr;
    ProjectListModel *m_projects = nullptr;
    CompanyZones *m_zones = nullptr;
    ProjectShortlists *m_shortlists = nullptr;
    ProjectDetailsLoader *m_details = nullptr;
    OfflineDrawings *m_drawings = nullptr;
    ProjectCache m_cache;
    AccountCache m_accountCache;
    CompanyMemory m_memory;

    State m_state = State::Starting;
    User m_user;
    QList<Company> m_companies;
    bool m_companiesKnown = false;
    qint64 m_companyId = 0;
    qint64 m_shownCompanyId = 0; // whose projects the model holds
    QDateTime m_syncedAt;
    bool m_offline = false;
    ProcoreError m_problem;
    DeepLink m_pendingLink;
    QPointer<MeJob> m_meJob;
    QPointer<CompaniesJob> m_companiesJob;
    QPointer<InactiveCompaniesCheck> m_companiesCheck;
    QPointer<ProjectsJob> m_projectsJob;
    bool m_replaceOnFinish = false;
    bool m_loading = false;
    bool m_signOutWhenRestored = false;
    QString m_loginProfileDir;
    bool m_cacheDirectoryGiven = false;
    SignOutWipe::WindowStopper m_stopWindow;
    QPointer<SignOutWipe> m_wipe;
    ProcoreAuth::SignInMode m_signInMode = ProcoreAuth::SignInMode::Embedded;
};
