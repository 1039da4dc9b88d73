// Signing in the way field staff do: the main window's "Sign in to Procore" button opens the
// real sign-in window (procore-desktop-login, a separate process with the real
// QWebEngineView), the test types into the emulator's login form and presses Allow or Deny
// through Chromium's DevTools protocol, and the main window shows the outcome.
#include "auth/memorytokenstore.h"
#include "devtoolspage.h"
#include "emulatorprocess.h"
#include "loginviewtesttools.h"
#include "main/bannerwidget.h"
#include "main/mainwindow.h"
#include "main/projectspage.h"
#include "main/signincontroller.h"
#include "main/welcomepage.h"
#include "model/projectlistmodel.h"
#include "proctools.h"
#include "session/session.h"
#include "signedinseed.h"
#include "signin/loginlauncher.h"
#include "testports.h"
#include "urlcatcher.h"

#include "browserflow.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

class TestSignInWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void allowShowsProjects();
    void denyExplainsAndOffersSignInAgain();
    void signOutForgetsTheWebSession();
    void signOutWhileSignInWindowIsOpen();
    void browserSignInShowsProjects();

private:
    void openWindow(const QString &redirectUri = EmulatorProcess::redirectUri());
    // Presses the welcome page's button and attaches to the sign-in window's page.
    bool startSignIn(DevToolsPage &page);
    bool waitForProjects();

    EmulatorProcess m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemoryTokenStore> m_store;
    QNetworkAccessManager m_network;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    int m_debugPort = 0;
};

void TestSignInWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_signinwindow"));
}

void TestSignInWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MemoryTokenStore>();
    QVERIFY2(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("250")}),
             qPrintable(m_emulator.errorString()));
    openWindow();
}

void TestSignInWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_emulator.stop();
}

void TestSignInWindow::openWindow(const QString &redirectUri)
{
    m_session = std::make_unique<Session>(SignedInSeed::environment(m_emulator),
                                          SignedInSeed::client(redirectUri), m_store.get(),
                                          &m_network, m_dir->filePath(QStringLiteral("cache")));
    m_window = std::make_unique<MainWindow>(m_session.get());
    SignInController *signIn = m_window->signInController();
    signIn->setProfileDir(m_dir->filePath(QStringLiteral("login-profile")));
    signIn->launcher()->setProgram(QStringLiteral(PROCORE_LOGIN_HELPER_PATH));
    m_debugPort = TestPorts::freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"),
                       QStringLiteral("127.0.0.1:%1").arg(m_debugPort));
    signIn->launcher()->setProcessEnvironment(environment);
    m_window->resize(1100, 700);
    m_window->show();
    m_session->start();
    QVERIFY(waitUntil([this] { return m_session->state() == Session::State::SignedOut; }));
}

bool TestSignInWindow::startSignIn(DevToolsPage &page)
{
    QPushButton *button = m_window->welcomePage()->signInButton();
    if (!button->isEnabled() || !button->isVisible())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    if (!waitUntil([this] { return m_window->signInController()->launcher()->isRunning(); }))
        return false;
    return page.attach(m_debugPort, QStringLiteral("/oauth/authorize"));
}

bool TestSignInWindow::waitForProjects()
{
    return waitUntil(
        [this] {
            return m_session->state() == Session::State::SignedIn && !m_session->isLoading() &&
                   m_window->projectsPage()->table()->model()->rowCount() == 250;
        },
        30000);
}

void TestSignInWindow::allowShowsProjects()
{
    DevToolsPage page;
    QVERIFY(startSignIn(page));
    QVERIFY(!m_window->welcomePage()->signInButton()->isEnabled());
    QVERIFY(page.waitForElement("login-form"));
    page.evaluate(LoginViewTestTools::fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                          EmulatorProcess::demoPassword()));
    QVERIFY(page.waitForElement("allow"));
    page.evaluate(QStringLiteral("document.getElementById('allow').click(); true"));

    QVERIFY2(waitForProjects(), "projects did not appear after Allow");
    QVERIFY(m_window->showsProjects());
    QVERIFY(waitUntil([this] { return !m_window->signInController()->launcher()->isRunning(); }));
    QCOMPARE(m_store->entries().size(), 1);
    QVERIFY(m_window->projectsPage()->banner()->text().isEmpty());
    QCOMPARE(m_emulator.counter("tokensIssued"), 1);
}

void TestSignInWindow::denyExplainsAndOffersSignInAgain()
{
    DevToolsPage page;
    QVERIFY(startSignIn(page));
    QVERIFY(page.waitForElement("login-form"));
    page.evaluate(LoginViewTestTools::fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                          EmulatorProcess::demoPassword()));
    QVERIFY(page.waitForElement("deny"));
    page.evaluate(QStringLiteral("document.getElementById('deny').click(); true"));

    WelcomePage *welcome = m_window->welcomePage();
    QVERIFY(waitUntil([welcome] { return !welcome->message().isEmpty(); }));
    QVERIFY2(welcome->message().contains(QStringLiteral("declined"), Qt::CaseInsensitive),
             qPrintable(welcome->message()));
    QVERIFY(waitUntil([welcome] { return welcome->signInButton()->isEnabled(); }));
    QVERIFY(!m_window->showsProjects());
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    QVERIFY(m_store->entries().isEmpty());
    QVERIFY(welcome->grab().save(
        QDir(QStringLiteral(PROCORE_SCREENSHOT_DIR)).filePath(QStringLiteral("declined.png"))));
}

void TestSignInWindow::signOutForgetsTheWebSession()
{
    {
        DevToolsPage page;
        QVERIFY(startSignIn(page));
        QVERIFY(page.waitForElement("login-form"));
        page.evaluate(LoginViewTestTools::fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                              EmulatorProcess::demoPassword()));
        QVERIFY(page.waitForElement("allow"));
        page.evaluate(QStringLiteral("document.getElementById('allow').click(); true"));
        QVERIFY(waitForProjects());
    }
    QVERIFY(waitUntil([this] { return !m_window->signInController()->launcher()->isRunning(); }));
    const QString profile = m_window->signInController()->profileDir();
    QVERIFY2(QDir(profile).exists(), "the sign-in window keeps its Procore session on disk");

    m_window->signOut();
    QVERIFY(waitUntil([this] { return m_session->state() == Session::State::SignedOut; }));
    QVERIFY(!QDir(profile).exists());
    QVERIFY(!m_window->showsProjects());

    // The next sign-in asks for the password again instead of going straight to Allow.
    DevToolsPage page;
    QVERIFY(startSignIn(page));
    QVERIFY(page.waitForElement("login-form"));
    QCOMPARE(page.evaluate(QStringLiteral("!!document.getElementById('allow')")).toBool(), false);
    m_window->signInController()->launcher()->cancel();
    QVERIFY(waitUntil([this] { return m_session->state() == Session::State::SignedOut; }));
    QVERIFY(waitUntil([this] { return m_window->welcomePage()->signInButton()->isEnabled(); }));
}

namespace {
bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.size() > close + 2 && line.at(close + 2) != 'Z';
}
} // namespace

// Signing out while the sign-in window is open, past the password (its Procore web session is
// in the profile): the profile goes only after the window's process has exited, so Chromium
// cannot write the session back, and the next sign-in asks for the password again.
void TestSignInWindow::signOutWhileSignInWindowIsOpen()
{
    {
        DevToolsPage page;
        QVERIFY(startSignIn(page));
        QVERIFY(page.waitForElement("login-form"));
        page.evaluate(LoginViewTestTools::fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                              EmulatorProcess::demoPassword()));
        QVERIFY(page.waitForElement("allow"));
    }
    const QList<qint64> helpers =
        ProcTools::descendantsNamed(QCoreApplication::applicationPid(), "procore-deskto");
    QCOMPARE(helpers.size(), 1);
    const QString profile = m_window->signInController()->profileDir();
    QVERIFY(QDir(profile).exists());

    QSignalSpy signedOut(m_session.get(), &Session::signedOut);
    m_window->signOut();
    bool helperAliveWhenProfileWent = false;
    bool profileWent = false;
    QVERIFY(waitUntil(
        [&] {
            if (!profileWent && !QDir(profile).exists()) {
                profileWent = true;
                helperAliveWhenProfileWent = processAlive(helpers.front());
            }
            return signedOut.count() == 1;
        },
        20000));
    QVERIFY(profileWent);
    QVERIFY2(!helperAliveWhenProfileWent, "the profile was wiped while Chromium still held it");
    QVERIFY(!m_window->signInController()->launcher()->isRunning());
    QCOMPARE(m_session->state(), Session::State::SignedOut);
    LoginViewTestTools::pump(1000);
    QVERIFY2(!QDir(profile).exists(), "something wrote the profile back after the wipe");
    const QFileInfo info(profile);
    QCOMPARE(
        info.absoluteDir().entryList({info.fileName() + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot),
        QStringList());

    DevToolsPage page;
    QVERIFY(waitUntil([this] { return m_window->welcomePage()->signInButton()->isEnabled(); }));
    QVERIFY(startSignIn(page));
    QVERIFY(page.waitForElement("login-form"));
    m_window->signInController()->launcher()->cancel();
    QVERIFY(waitUntil([this] { return m_session->state() == Session::State::SignedOut; }));
}

void TestSignInWindow::browserSignInShowsProjects()
{
    // A redirect URI of its own on a free port, registered with the emulator.
    const QString redirect =
        QStringLiteral("http://127.0.0.1:%1/callback").arg(TestPorts::freePort());
    m_window.reset();
    m_session.reset();
    m_emulator.stop();
    QVERIFY(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("250"),
                              QStringLiteral("--redirect-uri"), redirect}));
    openWindow(redirect);

    UrlCatcher browser;
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");
    auto unsetHandler =
        qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); });
    QPushButton *useBrowser = nullptr;
    for (QPushButton *button : m_window->welcomePage()->findChildren<QPushButton *>()) {
        if (button->text().contains(QStringLiteral("browser")))
            useBrowser = button;
    }
    QVERIFY(useBrowser);
    QTest::mouseClick(useBrowser, Qt::LeftButton);
    QVERIFY(waitUntil([&browser] { return !browser.urls.isEmpty(); }));
    const QUrl authorize = browser.urls.front();
    QCOMPARE(authorize.port(), m_emulator.loginUrl().port());
    QVERIFY(!m_window->signInController()->launcher()->isRunning());

    // The person signs in in their browser, which then follows Procore's redirect to the
    // app's loopback listener.
    const auto result =
        BrowserFlow::run(authorize, EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword());
    QVERIFY2(result.redirect.toString().startsWith(redirect), qPrintable(result.error));
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(result.redirect));
    QVERIFY(waitUntil([reply] { return reply->isFinished(); }));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    QVERIFY2(waitForProjects(), "projects did not appear after signing in in the browser");
    QVERIFY(m_window->showsProjects());
}

QTEST_MAIN(TestSignInWindow)
#include "tst_signinwindow.moc"
