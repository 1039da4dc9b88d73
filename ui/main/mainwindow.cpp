#include "mainwindow.h"

#include "bannerwidget.h"
#include "common/appinfo.h"
#include "common/logging.h"
#include "common/translations.h"
#include "drawingslauncher.h"
#include "firstpaintstamp.h"
#include "model/projectlistmodel.h"
#include "projectspage.h"
#include "projecttools.h"
#include "session/session.h"
#include "signincontroller.h"
#include "welcomepage.h"

#include <QAction>
#include <QActionGroup>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>

#include <utility>

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_signIn(new SignInController(session, this))
    , m_stack(new QStackedWidget(this))
    , m_welcome(new WelcomePage(m_stack))
    , m_projects(new ProjectsPage(session->projects(), session->shortlists(), m_stack))
    , m_benchmarkStamp(qEnvironmentVariableIsSet("PROCORE_BENCH_TIMESTAMPS"))
{
    setWindowTitle(AppInfo::name());
    setCentralWidget(m_stack);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_projects);
    m_welcome->setEnvironmentLabel(environmentLabel());
    m_projects->setEnvironmentLabel(environmentLabel());
    createActions();

    connect(m_welcome, &WelcomePage::signInRequested, session,
            [session] { session->signIn(ProcoreAuth::SignInMode::Embedded); });
    connect(m_welcome, &WelcomePage::browserSignInRequested, session,
            [session] { session->signIn(ProcoreAuth::SignInMode::SystemBrowser); });
    connect(m_welcome, &WelcomePage::cancelRequested, session, &Session::cancelSignIn);
    connect(m_projects, &ProjectsPage::companyChosen, session, &Session::selectCompany);
    connect(m_projects, &ProjectsPage::refreshRequested, session, &Session::refresh);
    connect(m_projects, &ProjectsPage::signOutRequested, this, &MainWindow::confirmSignOut);
    connect(m_projects, &ProjectsPage::openProjectRequested, this, &MainWindow::openProject);
    m_projects->setDetailsLoader(session->details());
    m_drawings = new DrawingsLauncher(session->drawings(), session->projects(), this);
    connect(m_projects, &ProjectsPage::drawingsRequested, m_drawings, &DrawingsLauncher::open);
    connect(session, &Session::signedOut, m_drawings, &DrawingsLauncher::closeAll);
    auto *tools = new ProjectTools(
        [session](qint64 projectId, WebLinks::Route route) {
            return session->projectToolUrl(projectId, route);
        },
        [session] { return session->currentCompanyId(); }, this);
    connect(tools, &ProjectTools::openRequested, this, &MainWindow::openWebPage);
    connect(tools, &ProjectTools::mapRequested, this, [this](const QString &address) {
        // The system's map handler when one answers the geo: URI, else a web map search.
        if (!QDesktopServices::openUrl(ProjectTools::geoUrl(address)))
            openWebPage(ProjectTools::mapSearchUrl(address));
    });
    m_projects->setTools(tools);
    connect(m_projects->banner(), &BannerWidget::actionTriggered, this,
            &MainWindow::onBannerAction);

    connect(session, &Session::stateChanged, this, &MainWindow::onStateChanged);
    connect(session, &Session::userChanged, this, &MainWindow::updateUser);
    connect(session, &Session::companiesChanged, this, &MainWindow::updateCompanies);
    connect(session, &Session::currentCompanyChanged, this, &MainWindow::updateCompanies);
    connect(session, &Session::loadingChanged, m_projects, &ProjectsPage::setLoading);
    connect(session, &Session::progressChanged, m_projects, &ProjectsPage::setProgress);
    connect(session, &Session::syncStatusChanged, this, &MainWindow::updateSyncNote);
    connect(session, &Session::syncStatusChanged, this, &MainWindow::updateBanner);
    connect(session, &Session::problemChanged, this, &MainWindow::updateBanner);
    connect(session, &Session::signInFailed, this, &MainWindow::showNotice);
    connect(session, &Session::linkFailed, this, &MainWindow::showNotice);
    connect(session, &Session::signOutIncomplete, this, &MainWindow::showNotice);
    connect(session, &Session::projectFocusRequested, this, [this](qint64 id) {
        updatePage();
        if (m_projects->focusProject(id)) {
            qCInfo(lcUi) << "showing project" << id << "from a link";
            m_session->shortlists()->noteOpened(id);
        }
        bringToFront();
    });
    connect(m_signIn, &SignInController::statusChanged, this, [this](const QString &note) {
        m_welcome->setSigningIn(true, note);
        // Signing in again from the banner: say where the sign-in went.
        if (showsProjects())
            m_projects->banner()->showMessage(BannerWidget::Tone::Info, note);
    });
    connect(m_signIn, &SignInController::failed, this, &MainWindow::showNotice);
    if (m_benchmarkStamp)
        new FirstPaintStamp(m_projects->table()->viewport(), session->projects());
    restoreLayout();
    // The session may already show a cached list (started before the window was built).
    updateUser();
    updateCompanies();
    updateSyncNote();
    onStateChanged();
}

MainWindow::~MainWindow() = default;

bool MainWindow::showsProjects() const
{
    return m_stack->currentWidget() == m_projects;
}

QString MainWindow::environmentLabel() const
{
    const Environment environment = m_session->environment();
    return environment.isProduction() ? QString() : environment.displayName();
}

void MainWindow::createActions()
{
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(refresh, &QAction::triggered, m_session, &Session::refresh);
    auto *find = new QAction(tr("Search projects"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_projects->searchBox()->setFocus();
        m_projects->searchBox()->selectAll();
    });
    auto *quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addActions({refresh, find, quit});
    createLanguageMenu();
}

void MainWindow::createLanguageMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Language"));
    menu->setObjectName(QStringLiteral("languageMenu"));
    menu->setToolTipsVisible(true);
    auto *group = new QActionGroup(menu);
    for (const QString &code : Translations::available()) {
        // Each language in its own words, so a user who cannot read the current one finds theirs.
        QAction *action = menu->addAction(Translations::nativeName(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == Translations::current());
        action->setActionGroup(group);
        connect(action, &QAction::triggered, this, [this, code] { emit languageChosen(code); });
    }
}

void MainWindow::onStateChanged()
{
    const Session::State state = m_session->state();
    m_welcome->setSigningIn(state == Session::State::SigningIn,
                            tr("Waiting for the Procore sign-in window…"));
    if (state == Session::State::Starting)
        m_welcome->signInButton()->setEnabled(false);
    updatePage();
    updateBanner();
}

void MainWindow::updatePage()
{
    const Session::State state = m_session->state();
    // Asked to sign in again with a list on screen: keep the list and say so in the banner.
    // Starting with a cached list: show it while the keychain answers.
    const bool keepList = m_session->projects()->count() > 0 &&
                          (m_session->problem().kind == ProcoreError::Kind::SignInNeeded ||
                           state == Session::State::Starting);
    QWidget *page = state == Session::State::SignedIn || keepList
                        ? static_cast<QWidget *>(m_projects)
                        : m_welcome;
    if (m_stack->currentWidget() != page) {
        m_stack->setCurrentWidget(page);
        page->setFocus();
    }
}

void MainWindow::updateUser()
{
    const User user = m_session->user();
    m_projects->setUser(user.name, user.login);
}

void MainWindow::updateCompanies()
{
    QList<QPair<qint64, QString>> items;
    for (const Company &company : m_session->companies())
        items.append({company.id, company.name});
    m_projects->setCompanies(items, m_session->currentCompanyId());
    setWindowTitle(m_session->currentCompanyName().isEmpty()
                       ? AppInfo::name()
                       : tr("%1 — %2").arg(m_session->currentCompanyName(), AppInfo::name()));
}

void MainWindow::updateSyncNote()
{
    if (const QDateTime wait = m_session->rateLimitWait(); wait.isValid()) {
        m_projects->setSyncNote(
            tr("Waiting for Procore's request limit until %1…")
                .arg(QLocale().toString(wait.toLocalTime().time(), QLocale::LongFormat)));
        return;
    }
    const QDateTime synced = m_session->lastSynced().toLocalTime();
    if (!synced.isValid()) {
        m_projects->setSyncNote({});
        return;
    }
    const QLocale locale;
    const QString when = synced.date() == QDate::currentDate()
                             ? locale.toString(synced.time(), QLocale::ShortFormat)
                             : locale.toString(synced, QLocale::ShortFormat);
    m_projects->setSyncNote(m_session->isOffline() ? tr("Offline — last synced %1").arg(when)
                                                   : tr("Last synced %1").arg(when));
}

void MainWindow::updateBanner()
{
    updatePage();
    const ProcoreError problem = m_session->problem();
    BannerWidget *banner = m_projects->banner();
    m_bannerAction = BannerAction::None;
    // A notice (a link that failed, a search cleared for a link) stays until closed; only a
    // problem that is over leaves.
    const bool showedProblem = std::exchange(m_bannerShowsProblem, problem.isError());
    switch (problem.kind) {
    case ProcoreError::Kind::None:
        if (showedProblem)
            banner->clear();
        return;
    case ProcoreError::Kind::SignInNeeded:
        m_bannerAction = BannerAction::SignIn;
        banner->showMessage(BannerWidget::Tone::Warning, problem.message, tr("Sign in"));
        return;
    case ProcoreError::Kind::Offline:
    case ProcoreError::Kind::Timeout: {
        m_bannerAction = BannerAction::Retry;
        const QDateTime synced = m_session->lastSynced().toLocalTime();
        const QString text =
            synced.isValid()
                ? tr("Offline — showing the projects as of %1. %2")
                      .arg(QLocale().toString(synced, QLocale::ShortFormat), problem.message)
                : problem.message;
        banner->showMessage(BannerWidget::Tone::Warning, text, tr("Retry"));
        return;
    }
    case ProcoreError::Kind::Keychain:
        banner->showMessage(BannerWidget::Tone::Warning, problem.message);
        return;
    default:
        m_bannerAction = BannerAction::Retry;
        banner->showMessage(BannerWidget::Tone::Error, problem.message, tr("Retry"));
        return;
    }
}

void MainWindow::onBannerAction()
{
    if (m_bannerAction == BannerAction::SignIn)
        m_session->signIn(ProcoreAuth::SignInMode::Embedded);
    else if (m_bannerAction == BannerAction::Retry)
        m_session->refresh();
}

void MainWindow::showNotice(const ProcoreError &error)
{
    if (!error.isError() || error.kind == ProcoreError::Kind::Cancelled)
        return;
    if (showsProjects()) {
        m_bannerShowsProblem = false;
        m_projects->banner()->showMessage(BannerWidget::Tone::Warning, error.message);
    } else {
        m_welcome->setMessage(error.message);
    }
}

void MainWindow::followLink(const DeepLinkResult &link)
{
    if (!link.ok())
        showNotice(link.error);
    else if (link.link.isValid())
        m_session->openLink(link.link);
    bringToFront();
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void MainWindow::confirmSignOut()
{
    QMessageBox box(QMessageBox::Question, tr("Sign out"),
                    tr("Sign out of Procore on this computer? You will need your Procore password "
                       "to sign in again."),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::Cancel);
    // Favourites and recents are kept for the next sign-in unless the person says otherwise.
    auto *forget = new QCheckBox(tr("Also forget my favourite and recent projects"), &box);
    box.setCheckBox(forget);
    if (box.exec() == QMessageBox::Yes)
        signOut(forget->isChecked());
}

void MainWindow::signOut(bool forgetShortlists)
{
    if (forgetShortlists)
        m_session->shortlists()->forgetUser(m_session->environment().key(), m_session->user().id);
    m_session->signOut();
}

void MainWindow::openWebPage(const QUrl &url)
{
    if (!url.isValid() || !QDesktopServices::openUrl(url))
        showNotice(ProcoreError(ProcoreError::Kind::Config,
                                tr("Could not open your web browser for this page.")));
}

void MainWindow::openProject(qint64 projectId)
{
    m_session->shortlists()->noteOpened(projectId);
    if (!QDesktopServices::openUrl(m_session->projectWebUrl(projectId)))
        showNotice(ProcoreError(ProcoreError::Kind::Config,
                                tr("Could not open your web browser for this project.")));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    if (!m_projects->splitter()->restoreState(
            settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_projects->splitter()->setSizes({width() * 7 / 10, width() * 3 / 10});
    m_projects->table()->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/columns")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_projects->splitter()->saveState());
    settings.setValue(QStringLiteral("window/columns"),
                      m_projects->table()->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}
