// The main window against the emulator: a signed-in start shows projects without WebEngine,
// search, Enter opens the project's Procore page, deep links, the offline copy with its
// banner, a revoked grant, and sign-out. Screenshots of each state go to the build tree.
#include "api/apiclient.h"
#include "auth/memorytokenstore.h"
#include "cli/commandline.h"
#include "common/translations.h"
#include "emulatorprocess.h"
#include "main/bannerwidget.h"
#include "main/fileopenfilter.h"
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "main/signincontroller.h"
#include "main/welcomepage.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "signedinseed.h"
#include "signin/loginlauncher.h"
#include "storage/loginprofile.h"
#include "urlcatcher.h"
#include "windowfixture.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileOpenEvent>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {

bool webEngineLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngine");
}
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void signedInStartShowsProjectsWithoutWebEngine();
    void searchFiltersAndEnterOpensProject();
    void deepLinkSelectsProject();
    void badDeepLinkIsExplained();
    void forwardedLinkWithOptionsIsRefused_data();
    void forwardedLinkWithOptionsIsRefused();
    void revokedGrantBringsSignInBackAndKeepsCompany();
    void companyWithoutAppKeepsSignInAndSwitches();
    void rateLimitWaitShowsInStatusLine();
    void offlineStartShowsCachedListAndBanner();
    void signOutWipesEverything();
    void serverMarkupShowsAsText();

private:
    // pageSize 0: the API client's default.
    std::unique_ptr<Session> makeSession(int pageSize = 0);
    void signInHeadless();
    std::unique_ptr<MainWindow> openWindow(Session &session); // null if it never got active
    void screenshot(QWidget *widget, const QString &name);

    static constexpr int projectCount = 450;
    EmulatorProcess m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemoryTokenStore> m_store;
    QNetworkAccessManager m_network;
    UrlCatcher m_browser;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
    QDir().mkpath(QStringLiteral(PROCORE_SCREENSHOT_DIR));
    Translations::install(QStringLiteral("en"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_browser.urls.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MemoryTokenStore>();
    // Every company's web app on a zone host of its own, as company_base_url says.
    QVERIFY2(m_emulator.start({QStringLiteral("--projects"), QString::number(projectCount),
                               QStringLiteral("--web-base-url"),
                               QStringLiteral("https://uk01.procore.com")}),
             qPrintable(m_emulator.errorString()));
    signInHeadless();
}

void TestMainWindow::cleanup()
{
    m_emulator.stop();
}

std::unique_ptr<Session> TestMainWindow::makeSession(int pageSize)
{
    const Session::Parts parts = Session::makeParts(
        SignedInSeed::environment(m_emulator), SignedInSeed::client(), m_store.get(), &m_network);
    if (pageSize > 0)
        parts.api->setPageSize(pageSize);
    return std::make_unique<Session>(parts, m_dir->filePath(QStringLiteral("cache")));
}

// What an earlier run of the app left behind: tokens in the store and an offline copy.
void TestMainWindow::signInHeadless()
{
    const auto seeded = SignedInSeed::seed(m_emulator, m_store.get(), projectCount,
                                           m_dir->filePath(QStringLiteral("cache")));
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow(Session &session)
{
    return WindowFixture::showWindow(session, m_dir->filePath(QStringLiteral("profile")));
}

void TestMainWindow::screenshot(QWidget *widget, const QString &name)
{
    QVERIFY2(WindowFixture::screenshot(widget, name), qPrintable(name));
}

void TestMainWindow::signedInStartShowsProjectsWithoutWebEngine()
{
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY(window->showsProjects());
    QTRY_VERIFY_WITH_TIMEOUT(
        !session->isLoading() && page->table()->model()->rowCount() == projectCount, 20000);
    QCOMPARE(page->countText(), QStringLiteral("450 projects"));
    QVERIFY(page->banner()->text().isEmpty());
    QVERIFY2(!webEngineLoaded(), "a signed-in start must not load WebEngine");
    QVERIFY(!window->signInController()->launcher()->isRunning());
    // Active projects come first.
    const QAbstractItemModel *rows = page->table()->model();
    bool seenInactive = false;
    for (int row = 0; row < rows->rowCount(); ++row) {
        const bool active = rows->index(row, 0).data(ProjectListModel::ActiveRole).toBool();
        QVERIFY2(!(active && seenInactive), "an active project below an inactive one");
        seenInactive = seenInactive || !active;
    }
    QVERIFY(seenInactive);
    QVERIFY(page->searchBox()->hasFocus() || QApplication::focusWidget() == nullptr);
    screenshot(window.get(), QStringLiteral("projects.png"));
}

void TestMainWindow::searchFiltersAndEnterOpensProject()
{
    // Enter opens the page on the company's zone host (company_base_url, see init()).
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(
        !session->isLoading() && page->table()->model()->rowCount() == projectCount, 20000);
    const Project target = session->projects()->projectAt(17);
    const QString word = target.title().split(QLatin1Char(' ')).first();
    page->searchBox()->setFocus();
    QTest::keyClicks(page->searchBox(), word);
    const QAbstractItemModel *rows = page->table()->model();
    QTRY_VERIFY(rows->rowCount() > 0 && rows->rowCount() < projectCount);
    for (int row = 0; row < rows->rowCount(); ++row) {
        const Project project =
            rows->index(row, 0).data(ProjectListModel::ProjectRole).value<Project>();
        const QString haystack =
            project.title() + u' ' + project.projectNumber + u' ' + project.city;
        QVERIFY2(haystack.contains(word, Qt::CaseInsensitive), qPrintable(haystack));
    }
    QVERIFY(page->countText().contains(QStringLiteral("of 450")));
    screenshot(window.get(), QStringLiteral("search.png"));

    QVERIFY(page->focusProject(target.id));
    QCOMPARE(page->details()->projectId(), target.id);
    QCOMPARE(page->details()->fieldText(QStringLiteral("Project ID")), QString::number(target.id));
    page->table()->setFocus();
    QTest::keyClick(page->table(), Qt::Key_Return);
    QTRY_COMPARE(m_browser.urls.size(), 1);
    QCOMPARE(m_browser.urls.front(),
             QUrl(QStringLiteral("https://uk01.procore.com/%1/project/home").arg(target.id)));
    // The details pane's "Open in Procore" goes to the same page.
    QPushButton *open = nullptr;
    for (QPushButton *button : page->details()->findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("Open in Procore"))
            open = button;
    }
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_COMPARE(m_browser.urls.size(), 2);
    QCOMPARE(m_browser.urls.back(), m_browser.urls.front());

    QTest::keyClick(page->searchBox(), Qt::Key_Escape);
    QTRY_COMPARE(rows->rowCount(), projectCount);
}

void TestMainWindow::deepLinkSelectsProject()
{
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    const qint64 id = session->projects()->projectAt(projectCount - 1).id;
    QTest::keyClicks(page->searchBox(), QStringLiteral("zzzz-no-match"));
    QTRY_COMPARE(page->table()->model()->rowCount(), 0);
    window->followLink(
        CommandLine::forwardedLink({QStringLiteral("procore-desktop"),
                                    QStringLiteral("procore-desktop://project/%1").arg(id)}));
    QTRY_COMPARE(page->selectedProjectId(), id);
    QCOMPARE(page->details()->projectId(), id);
    QVERIFY2(page->searchBox()->text().isEmpty(), "a search hiding the project is cleared");
    screenshot(window.get(), QStringLiteral("deep-link.png"));

    // macOS delivers the scheme URL to a running app as QEvent::FileOpen.
    FileOpenFilter fileOpen;
    qApp->installEventFilter(&fileOpen);
    connect(&fileOpen, &FileOpenFilter::urlOpened, window.get(),
            [&window](const QUrl &url) { window->followLink(DeepLink::fromUrl(url.toString())); });
    const qint64 other = session->projects()->projectAt(3).id;
    QFileOpenEvent event(QUrl(QStringLiteral("procore-desktop://project/%1").arg(other)));
    QCoreApplication::sendEvent(qApp, &event);
    QTRY_COMPARE(page->selectedProjectId(), other);
}

void TestMainWindow::badDeepLinkIsExplained()
{
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    window->followLink(CommandLine::forwardedLink(
        {QStringLiteral("procore-desktop"), QStringLiteral("--project"), QStringLiteral("12abc")}));
    QTRY_VERIFY(page->banner()->text().contains(QStringLiteral("12abc")));
    window->followLink(
        CommandLine::forwardedLink({QStringLiteral("procore-desktop"), QStringLiteral("--project"),
                                    QStringLiteral("424242")}));
    QTRY_VERIFY(page->banner()->text().contains(QStringLiteral("424242")));
    QCOMPARE(page->table()->model()->rowCount(), projectCount);
}

// What a second launch forwards when a launcher split one crafted link into several
// arguments: the running window refuses the whole list and changes nothing.
void TestMainWindow::forwardedLinkWithOptionsIsRefused_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("separated");
    QTest::newRow("--sign-out") << QStringList{QStringLiteral("--sign-out")} << false;
    QTest::newRow("-- … --sign-out") << QStringList{QStringLiteral("--sign-out")} << true;
    QTest::newRow("--api-url --login-url")
        << QStringList{QStringLiteral("--api-url"), QStringLiteral("http://127.0.0.1:9/"),
                       QStringLiteral("--login-url"), QStringLiteral("https://login.procore.com")}
        << false;
    QTest::newRow("-- … --project")
        << QStringList{QStringLiteral("--project"), QStringLiteral("1")} << true;
}

void TestMainWindow::forwardedLinkWithOptionsIsRefused()
{
    QFETCH(QStringList, options);
    QFETCH(bool, separated);
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    const qint64 first = session->projects()->projectAt(0).id;
    QVERIFY(page->focusProject(first));
    const qint64 wanted = session->projects()->projectAt(5).id;
    QStringList arguments{QStringLiteral("procore-desktop")};
    if (separated)
        arguments << QStringLiteral("--");
    arguments << QStringLiteral("procore-desktop://project/%1").arg(wanted) << options;
    window->followLink(CommandLine::forwardedLink(arguments));
    QTRY_VERIFY(page->banner()->text().contains(QStringLiteral("Nothing was changed")));
    QTest::qWait(200);
    QCOMPARE(page->selectedProjectId(), first);
    QCOMPARE(session->state(), Session::State::SignedIn);
    QVERIFY(!session->pendingLink().isValid());
    QVERIFY(window->showsProjects());
}

void TestMainWindow::revokedGrantBringsSignInBackAndKeepsCompany()
{
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->companies().size() > 1, 20000);
    const qint64 second = session->companies().at(1).id;
    auto *company = page->findChild<QComboBox *>();
    QVERIFY(company);
    company->setCurrentIndex(company->findData(second));
    emit company->activated(company->currentIndex());
    QTRY_COMPARE(session->currentCompanyId(), second);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() > 0, 20000);

    QVERIFY(m_emulator.revokeAllGrants());
    QTest::keyClick(window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(page->banner()->text().contains(QStringLiteral("sign in again")),
                             10000);
    QCOMPARE(page->banner()->actionText(), QStringLiteral("Sign in"));
    QVERIFY(window->showsProjects());
    QCOMPARE(company->currentData().toLongLong(), second);
    QCOMPARE(session->currentCompanyId(), second);
    screenshot(window.get(), QStringLiteral("error-banner.png"));
}

// A company answering 401 to a good token (the app is not installed there): the banner names
// the company and what to ask its administrator, the window stays signed in on the projects
// page, the switcher still works, and the next window does not open that company first.
void TestMainWindow::companyWithoutAppKeepsSignInAndSwitches()
{
    QList<qint64> ids;
    for (const QJsonValue &id : m_emulator.data().value(QStringLiteral("companies")).toArray())
        ids << id.toInteger();
    const qint64 without = ids.at(1);
    QVERIFY(m_emulator.configure({{QStringLiteral("unauthorizedCompanies"), QJsonArray{without}}}));
    auto session = makeSession();
    auto window = openWindow(*session);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    QVERIFY(m_emulator.resetCounters());
    auto *company = page->findChild<QComboBox *>();
    QVERIFY(company);
    const int row = company->findData(without);
    const QString name = company->itemText(row);
    const qint64 before = session->currentCompanyId();
    company->setCurrentIndex(row);
    emit company->activated(row);
    QTRY_VERIFY_WITH_TIMEOUT(page->banner()->text().contains(QStringLiteral("not connected")),
                             10000);
    QVERIFY2(page->banner()->text().contains(name), qPrintable(page->banner()->text()));
    QVERIFY(page->banner()->text().contains(QStringLiteral("administrator")));
    QVERIFY(page->banner()->actionText() != QStringLiteral("Sign in"));
    QVERIFY(window->showsProjects());
    QCOMPARE(session->state(), Session::State::SignedIn);
    QCOMPARE(page->table()->model()->rowCount(), 0);
    QCOMPARE(m_emulator.counter("refreshes"), 1);
    screenshot(window.get(), QStringLiteral("company-without-app.png"));

    company->setCurrentIndex(company->findData(before));
    emit company->activated(company->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(
        !session->isLoading() && page->table()->model()->rowCount() == projectCount, 20000);
    QVERIFY(page->banner()->text().isEmpty());
    // Chosen last, yet not opened first by the next window.
    company->setCurrentIndex(row);
    emit company->activated(row);
    QTRY_VERIFY_WITH_TIMEOUT(page->banner()->text().contains(QStringLiteral("not connected")),
                             10000);
    QCOMPARE(m_emulator.counter("refreshes"), 1);
    window.reset();
    session.reset();
    auto nextSession = makeSession();
    auto next = openWindow(*nextSession);
    QTRY_VERIFY_WITH_TIMEOUT(!nextSession->isLoading() &&
                                 next->projectsPage()->table()->model()->rowCount() == projectCount,
                             20000);
    QVERIFY(nextSession->currentCompanyId() != without);
    QVERIFY(next->projectsPage()->banner()->text().isEmpty());
}

// Paging that waits for Procore's rate-limit window says so in the status line, then goes on.
void TestMainWindow::rateLimitWaitShowsInStatusLine()
{
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("rateLimit"), 10}, {QStringLiteral("rateWindow"), 4}}));
    auto session = makeSession(50); // 9 pages and 2 calls: more than the 10 a window allows
    auto window = openWindow(*session);
    const auto statusLine = [&window] {
        for (QLabel *label : window->projectsPage()->findChildren<QLabel *>()) {
            if (label->text().startsWith(QStringLiteral("Waiting for Procore's request limit")))
                return label;
        }
        return static_cast<QLabel *>(nullptr);
    };
    QTRY_VERIFY_WITH_TIMEOUT(statusLine() != nullptr, 10000);
    QVERIFY(statusLine()->isVisibleTo(window.get()));
    screenshot(window.get(), QStringLiteral("rate-limit-wait.png"));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && statusLine() == nullptr, 20000);
    QCOMPARE(m_emulator.counter("rateLimited"), 0);
    QCOMPARE(session->projects()->count(), projectCount);
}

void TestMainWindow::offlineStartShowsCachedListAndBanner()
{
    m_emulator.stop();
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY(window->showsProjects());
    QCOMPARE(page->table()->model()->rowCount(), projectCount);
    QTRY_VERIFY_WITH_TIMEOUT(page->banner()->text().startsWith(QStringLiteral("Offline")), 20000);
    QCOMPARE(page->banner()->actionText(), QStringLiteral("Retry"));
    auto *company = page->findChild<QComboBox *>();
    QVERIFY(company && company->currentText() == session->currentCompanyName());
    QVERIFY(!company->currentText().isEmpty());
    screenshot(window.get(), QStringLiteral("offline.png"));
}

void TestMainWindow::signOutWipesEverything()
{
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    const QString profile = window->signInController()->profileDir();
    QVERIFY(LoginProfile::prepare(profile));
    QFile cookie(QDir(profile).filePath(QStringLiteral("Cookies")));
    QVERIFY(cookie.open(QIODevice::WriteOnly));
    cookie.close();

    window->signOut();
    QTRY_VERIFY(!window->showsProjects());
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(!QDir(profile).exists());
    for (const TokenSet &tokens : m_store->entries())
        QVERIFY(tokens.isEmpty());
    QVERIFY(QDir(m_dir->filePath(QStringLiteral("cache"))).entryList(QDir::Files).isEmpty());
    QVERIFY(window->welcomePage()->signInButton()->isEnabled());
    screenshot(window.get(), QStringLiteral("signed-out.png"));
}

// A project admin names a project `<img src=file:///…><a href=…>Click to re-login</a>`: every
// widget shows it as the characters typed, never as an image or a link.
void TestMainWindow::serverMarkupShowsAsText()
{
    m_emulator.stop();
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QString::number(projectCount),
                              QStringLiteral("--html-names")}));
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MemoryTokenStore>();
    signInHeadless();
    auto session = makeSession();
    auto window = openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             20000);
    const Project project = session->projects()->projectAt(0);
    QVERIFY(project.title().contains(QStringLiteral("<img src=")));
    QVERIFY(page->focusProject(project.id));
    window->showNotice(ProcoreError(ProcoreError::Kind::ServerError,
                                    QStringLiteral("<a href=\"https://evil.example/\">Click to "
                                                   "re-login</a>")));

    QStringList shown;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(window.get()) || !label->text().contains(u'<'))
            continue;
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
        shown << label->text();
    }
    QVERIFY2(shown.contains(project.title()), qPrintable(shown.join(u'|')));
    QVERIFY(
        shown.contains(session->user().name + QStringLiteral(" (") + session->user().login + u')'));
    QVERIFY(page->banner()->text().startsWith(QStringLiteral("<a href=")));
    QVERIFY(page->details()->fieldText(QStringLiteral("Address")).startsWith(u"<h1>"));
    auto *company = page->findChild<QComboBox *>();
    QVERIFY(company && company->currentText().startsWith(u"<u>"));
    QVERIFY(window->windowTitle().startsWith(u"<u>"));

    // Tool tips render markup unless it is escaped.
    const QAbstractItemModel *rows = page->table()->model();
    const QString tip =
        rows->index(0, ProjectListModel::LocationColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;h1&gt;")) && !tip.contains(QStringLiteral("<h1>")),
             qPrintable(tip));
    screenshot(window.get(), QStringLiteral("html-names.png"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
