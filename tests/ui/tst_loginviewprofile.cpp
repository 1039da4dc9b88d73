// The sign-in window's browser profile: a persistent profile remembers the Procore session
// (the next sign-in skips the login form), clearing it forgets, off-the-record never keeps.
#include "emulatorprocess.h"
#include "login/loginview.h"
#include "loginviewpagetools.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebEngineProfile>

using namespace LoginViewTestTools;

class TestLoginViewProfile final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void persistentProfileRemembersSession();
    void offTheRecordForgetsSession();
    void unusableFolderFallsBackToOffTheRecord();

private:
    // Loads the authorize URL and says which page came: "login-form" or "allow".
    QString firstPage(const QString &profileDir, const QString &state);
    // Logs in and clicks Allow in the current view; true once the redirect was caught.
    bool signIn(const QString &state);
    void dropView();

    EmulatorProcess m_emulator;
    RedirectTrap m_trap;
    LoginView *m_view = nullptr;
};

void TestLoginViewProfile::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--redirect-uri"), m_trap.redirectUri().toString()}),
             qPrintable(m_emulator.errorString()));
}

void TestLoginViewProfile::cleanup()
{
    dropView();
    QCOMPARE(m_trap.connections(), 0);
}

void TestLoginViewProfile::dropView()
{

    delete m_view;
    m_view = nullptr;

    // Let Chromium finish tearing the profile down before the next one opens the folder.
    pump(200);
}

QString TestLoginViewProfile::firstPage(const QString &profileDir, const QString &state)
{
    dropView();
    m_view = new LoginView(profileDir);
    m_view->setRedirectUri(m_trap.redirectUri());
    m_view->show();
    QSignalSpy loaded(m_view->page(), &QWebEnginePage::loadFinished);
    if (!m_view->start(authorizeUrl(m_emulator.loginUrl(), EmulatorProcess::clientId(),
                                    m_trap.redirectUri(), state)))
        return QStringLiteral("not started");

    if (!waitUntil([&] { return !loaded.isEmpty(); }, 15000))
        return QStringLiteral("nothing");

    if (hasElement(m_view->page(), "login-form"))
        return QStringLiteral("login-form");
    if (hasElement(m_view->page(), "allow"))
        return QStringLiteral("allow");
    return QStringLiteral("something else");
}

bool TestLoginViewProfile::signIn(const QString &state)
{
    QSignalSpy caught(m_view, &LoginView::redirectCaught);

    if (hasElement(m_view->page(), "login-form")) {
        if (!runJsAndWaitForLoad(m_view->page(),
                                 fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                     EmulatorProcess::demoPassword())) ||
            !hasElement(m_view->page(), "allow"))
            return false;
    }
    m_view->page()->runJavaScript(QStringLiteral("document.getElementById('allow').click()"));
    if (!waitUntil([&] { return caught.size() == 1; }, 10000))
        return false;

    const QUrlQuery query(caught.at(0).at(0).toUrl());
    return !query.queryItemValue(QStringLiteral("code")).isEmpty() &&
           query.queryItemValue(QStringLiteral("state")) == state;
}

void TestLoginViewProfile::persistentProfileRemembersSession()
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("login-profile"));

    QCOMPARE(firstPage(dir, QStringLiteral("one")), QStringLiteral("login-form"));
    QVERIFY(m_view->isPersistent());
    QVERIFY(!m_view->profile()->isOffTheRecord());
    QVERIFY(signIn(QStringLiteral("one")));
    dropView();
    QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("Cookies"))));

    // A later sign-in on the same folder: Procore still knows the user, straight to Allow.
    QCOMPARE(firstPage(dir, QStringLiteral("two")), QStringLiteral("allow"));
    QVERIFY(signIn(QStringLiteral("two")));
    dropView();

    // Sign-out: the folder goes, and with it the session.
    QVERIFY(LoginView::clearProfile(dir));
    QVERIFY(!QFileInfo::exists(dir));
    QCOMPARE(firstPage(dir, QStringLiteral("three")), QStringLiteral("login-form"));
}

void TestLoginViewProfile::offTheRecordForgetsSession()
{
    QCOMPARE(firstPage(QString(), QStringLiteral("a")), QStringLiteral("login-form"));
    QVERIFY(!m_view->isPersistent());
    QVERIFY(m_view->profile()->isOffTheRecord());
    QVERIFY(signIn(QStringLiteral("a")));
    QCOMPARE(firstPage(QString(), QStringLiteral("b")), QStringLiteral("login-form"));
}

void TestLoginViewProfile::unusableFolderFallsBackToOffTheRecord()
{
    // A folder full of someone's files never becomes (and is never wiped as) a profile.
    QTemporaryDir root;
    QFile file(root.filePath(QStringLiteral("site-photos.zip")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("profile not usable")));
    QCOMPARE(firstPage(root.path(), QStringLiteral("x")), QStringLiteral("login-form"));
    QVERIFY(!m_view->isPersistent());
    QVERIFY(!LoginView::clearProfile(root.path()));
    QVERIFY(file.exists());
}

QTEST_MAIN(TestLoginViewProfile)
#include "tst_loginviewprofile.moc"
