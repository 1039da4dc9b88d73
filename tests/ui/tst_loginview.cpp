// The embedded sign-in page against the real emulator: sign-in and Deny through the real
// QWebEngineView, the redirect caught before it loads, and the navigation guard.
#include "common/translations.h"
#include "emulatorprocess.h"
#include "login/loginview.h"
#include "loginviewpagetools.h"

#include <QDesktopServices>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebEngineView>

using namespace LoginViewTestTools;

class TestLoginView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void signInAllowCatchesCode();
    void denyCatchesAccessDenied();
    void wrongPasswordStaysInView();
    void foreignLinkGoesToSystemBrowser();
    void scriptNavigationNeedsUserGesture();
    void popUpGoesToSystemBrowser();
    void redirectNeverRequestedBySubresource();
    void javaScriptDialogsDoNotBlock();
    void escapeCancels();
    void closingWindowCancels();
    void speaksTheMainWindowsLanguage();
    void browserButtonRequestsSystemBrowser();
    void startRefusesPlainHttpOffLoopback();

private:
    LoginView *newView(const QString &profileDir = {});
    QUrl authorize(const QString &state) const;
    bool waitLoginForm();
    // Adds a link to the page and clicks it with the mouse, as a person would.
    void clickNewLink(const QUrl &url, const QString &target = {});

    EmulatorProcess m_emulator;
    RedirectTrap m_trap;
    SystemBrowser m_browser;
    LoginView *m_view = nullptr;
};

void TestLoginView::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--redirect-uri"), m_trap.redirectUri().toString()}),
             qPrintable(m_emulator.errorString()));
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "open");
}

void TestLoginView::init()
{
    m_browser.opened.clear();
}

void TestLoginView::cleanup()
{
    delete m_view;
    m_view = nullptr;
    // Whatever a test did, nothing ever reached the redirect URI.
    QCOMPARE(m_trap.connections(), 0);
}

void TestLoginView::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
}

LoginView *TestLoginView::newView(const QString &profileDir)
{
    delete m_view;
    m_view = new LoginView(profileDir);
    m_view->setRedirectUri(m_trap.redirectUri());
    m_view->resize(m_view->sizeHint());
    m_view->show();
    return m_view;
}

QUrl TestLoginView::authorize(const QString &state) const
{
    return authorizeUrl(m_emulator.loginUrl(), EmulatorProcess::clientId(), m_trap.redirectUri(),
                        state);
}

void TestLoginView::clickNewLink(const QUrl &url, const QString &target)
{
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    const QVariantList rect =
        runJs(m_view->page(),
              QStringLiteral("var a = document.createElement('a'); a.href = '%1'; a.target = '%2';"
                             "a.textContent = 'Link';"
                             "a.style = 'position:fixed;left:10px;top:10px;font-size:30px';"
                             "document.body.appendChild(a); var r = a.getBoundingClientRect();"
                             "[r.left + r.width / 2, r.top + r.height / 2]")
                  .arg(url.toString(), target))
            .toList();
    QCOMPARE(rect.size(), 2);
    auto *webView = m_view->findChild<QWebEngineView *>(QStringLiteral("loginWebView"));
    QWidget *widget = webView->focusProxy() ? webView->focusProxy() : webView;
    const qreal zoom = m_view->page()->zoomFactor();
    const QPoint at(qRound(rect.at(0).toDouble() * zoom), qRound(rect.at(1).toDouble() * zoom));
    QTest::mouseClick(widget, Qt::LeftButton, {}, at);
}

bool TestLoginView::waitLoginForm()
{
    return waitUntil([this] { return m_view->state() == LoginView::State::Ready; }, 15000) &&
           hasElement(m_view->page(), "login-form");
}

void TestLoginView::signInAllowCatchesCode()
{
    LoginView *view = newView();
    view->setEnvironmentLabel(QStringLiteral("Emulator"));
    QSignalSpy caught(view, &LoginView::redirectCaught);
    QSignalSpy cancelled(view, &LoginView::cancelled);
    const QString state = QStringLiteral("st-4f2a_9");
    QVERIFY(view->start(authorize(state)));
    QVERIFY(waitLoginForm());
    QCOMPARE(view->windowTitle(), QStringLiteral("Sign in to Procore (Emulator)"));
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("loginAddress"))
                ->text()
                .contains(m_emulator.loginUrl().host()));
    QVERIFY(saveScreenshot(view, QStringLiteral("login-page")));

    QVERIFY(
        runJsAndWaitForLoad(view->page(), fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                              EmulatorProcess::demoPassword())));
    QVERIFY(hasElement(view->page(), "allow"));
    QVERIFY(runJs(view->page(), QStringLiteral("document.getElementById('consent-text').innerText"))
                .toString()
                .contains(EmulatorProcess::demoEmail()));
    QVERIFY(saveScreenshot(view, QStringLiteral("consent-page")));

    view->page()->runJavaScript(QStringLiteral("document.getElementById('allow').click()"));
    LOGIN_TRY_COMPARE(caught.size(), 1);
    const QUrl redirect = caught.at(0).at(0).toUrl();
    QVERIFY(redirect.toString().startsWith(m_trap.redirectUri().toString()));
    const QUrlQuery query(redirect);
    QVERIFY(!query.queryItemValue(QStringLiteral("code")).isEmpty());
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), state);
    QVERIFY(!query.hasQueryItem(QStringLiteral("error")));
    QCOMPARE(view->state(), LoginView::State::Finished);
    QCOMPARE(m_emulator.counter("codesIssued"), 1);
    // A finished sign-in ends once: closing the window afterwards is not a cancel.
    view->close();
    QCOMPARE(cancelled.size(), 0);
    QCOMPARE(caught.size(), 1);
    pump(300);
    QCOMPARE(m_trap.connections(), 0);
}

void TestLoginView::denyCatchesAccessDenied()
{
    LoginView *view = newView();
    QSignalSpy caught(view, &LoginView::redirectCaught);
    QVERIFY(view->start(authorize(QStringLiteral("deny-state"))));
    QVERIFY(waitLoginForm());
    QVERIFY(
        runJsAndWaitForLoad(view->page(), fillLoginFormScript(EmulatorProcess::demoEmail(),
                                                              EmulatorProcess::demoPassword())));
    QVERIFY(hasElement(view->page(), "deny"));
    view->page()->runJavaScript(QStringLiteral("document.getElementById('deny').click()"));
    LOGIN_TRY_COMPARE(caught.size(), 1);
    const QUrlQuery query(caught.at(0).at(0).toUrl());
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("deny-state"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
}

void TestLoginView::wrongPasswordStaysInView()
{
    LoginView *view = newView();
    QSignalSpy caught(view, &LoginView::redirectCaught);
    QSignalSpy failed(view, &LoginView::failureShown);
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    // The server's 401 page is its own message to the user, not ours.
    QVERIFY(runJsAndWaitForLoad(
        view->page(), fillLoginFormScript(EmulatorProcess::demoEmail(), QStringLiteral("nope"))));
    QVERIFY(hasElement(view->page(), "login-error"));
    QCOMPARE(view->state(), LoginView::State::Ready);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(caught.size(), 0);
}

void TestLoginView::foreignLinkGoesToSystemBrowser()
{
    LoginView *view = newView();
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    const QUrl foreign(QStringLiteral("https://www.procore.com/privacy-notice"));
    clickNewLink(foreign);
    LOGIN_TRY_COMPARE(m_browser.opened.size(), 1);
    QCOMPARE(m_browser.opened.at(0), foreign);
    pump(300);
    QCOMPARE(view->page()->url().host(), m_emulator.loginUrl().host());
    QCOMPARE(view->page()->url().port(), m_emulator.loginUrl().port());
    QVERIFY(hasElement(view->page(), "login-form"));
    QCOMPARE(view->state(), LoginView::State::Ready);
    auto *notice = view->findChild<QLabel *>(QStringLiteral("loginNotice"));
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(foreign.host()));
}

// A page script may not send the person to their mail program or a foreign site on its own:
// only a navigation that follows a click or key press in the page leaves the window.
void TestLoginView::scriptNavigationNeedsUserGesture()
{
    QDesktopServices::setUrlHandler(QStringLiteral("mailto"), &m_browser, "open");
    auto unset = qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("mailto")); });
    LoginView *view = newView();
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    runJs(view->page(), QStringLiteral("location.href = 'mailto:help@evil.example'; true"));
    runJs(view->page(), QStringLiteral("var a = document.createElement('a');"
                                       "a.href = 'https://evil.example/re-login';"
                                       "document.body.appendChild(a); a.click(); true"));
    runJs(view->page(), QStringLiteral("location.assign('https://www.procore.com/x'); true"));
    pump(800);
    QCOMPARE(m_browser.opened.size(), 0);
    QVERIFY(hasElement(view->page(), "login-form"));
    QCOMPARE(view->state(), LoginView::State::Ready);

    // The same mailto: link, clicked by a person, does open.
    const QUrl mail(QStringLiteral("mailto:support@procore.com"));
    clickNewLink(mail);
    LOGIN_TRY_COMPARE(m_browser.opened.size(), 1);
    QCOMPARE(m_browser.opened.at(0), mail);
    // One click, one external open: a script right after it gets nothing.
    runJs(view->page(), QStringLiteral("location.href = 'mailto:again@evil.example'; true"));
    pump(500);
    QCOMPARE(m_browser.opened.size(), 1);
}

void TestLoginView::popUpGoesToSystemBrowser()
{
    LoginView *view = newView();
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    QVERIFY(QTest::qWaitForWindowExposed(view));

    // A script may not open windows on its own…
    runJs(view->page(), QStringLiteral("window.open('https://ads.example.com/'); true"));
    pump(500);
    QCOMPARE(m_browser.opened.size(), 0);

    // …but a person's click on a target=_blank link goes to the system browser.
    const QUrl terms(QStringLiteral("https://www.procore.com/terms"));
    clickNewLink(terms, QStringLiteral("_blank"));
    LOGIN_TRY_COMPARE(m_browser.opened.size(), 1);
    QCOMPARE(m_browser.opened.at(0), terms);
    QCOMPARE(view->page()->url().host(), m_emulator.loginUrl().host());
}

void TestLoginView::redirectNeverRequestedBySubresource()
{
    LoginView *view = newView();
    QSignalSpy caught(view, &LoginView::redirectCaught);
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    // Images, frames and fetches to the redirect URI are blocked by the interceptor and
    // the frame check; none of them counts as a caught redirect either.
    runJs(view->page(), QStringLiteral("var i = new Image(); i.src = '%1?code=img';"
                                       "var f = document.createElement('iframe');"
                                       "f.src = '%1?code=frame'; document.body.appendChild(f);"
                                       "fetch('%1?code=fetch').catch(function(){}); true")
                            .arg(m_trap.redirectUri().toString()));
    pump(1000);
    QCOMPARE(m_trap.connections(), 0);
    QCOMPARE(caught.size(), 0);
    QCOMPARE(view->state(), LoginView::State::Ready);
}

void TestLoginView::javaScriptDialogsDoNotBlock()
{
    LoginView *view = newView();
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(runJs(view->page(), QStringLiteral("confirm('Leave?')")), QVariant(false));
    QCOMPARE(runJs(view->page(), QStringLiteral("prompt('Name?', 'x')")), QVariant());
    runJs(view->page(), QStringLiteral("alert('Maintenance tonight at 22:00'); true"));
    QVERIFY(timer.elapsed() < 4000);
    auto *notice = view->findChild<QLabel *>(QStringLiteral("loginNotice"));
    LOGIN_TRY_VERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("Maintenance tonight at 22:00")));
    QCOMPARE(view->state(), LoginView::State::Ready);
}

void TestLoginView::escapeCancels()
{
    LoginView *view = newView();
    QSignalSpy cancelled(view, &LoginView::cancelled);
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    // Typing in the page's e-mail field, then Esc: the page has the focus, Esc still works.
    runJs(view->page(), QStringLiteral("document.getElementById('email').focus(); true"));
    for (const char c : {'d', 'e', 'm'})
        QTest::keyClick(view->windowHandle(), c);
    LOGIN_TRY_COMPARE(
        runJs(view->page(), QStringLiteral("document.getElementById('email').value")).toString(),
        QStringLiteral("dem"));
    QTest::keyClick(view->windowHandle(), Qt::Key_Escape);
    LOGIN_TRY_COMPARE(cancelled.size(), 1);
    QCOMPARE(view->state(), LoginView::State::Finished);
}

void TestLoginView::speaksTheMainWindowsLanguage()
{
    // The helper installs the language the main window sent in its request.
    QVERIFY(Translations::install(QStringLiteral("es")));
    LoginView *view = newView();
    auto *cancel = view->findChild<QPushButton *>(QStringLiteral("loginCancelButton"));
    auto *browser = view->findChild<QPushButton *>(QStringLiteral("loginSystemBrowserButton"));
    QVERIFY(cancel && browser);
    QCOMPARE(cancel->text(), QStringLiteral("Cancelar"));
    QCOMPARE(browser->text(), QStringLiteral("Iniciar sesión con tu &navegador"));
    QVERIFY(Translations::install(QStringLiteral("en")));
}

void TestLoginView::closingWindowCancels()
{
    LoginView *view = newView();
    QSignalSpy cancelled(view, &LoginView::cancelled);
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    QVERIFY(waitLoginForm());
    QVERIFY(view->close());
    QCOMPARE(cancelled.size(), 1);
    view->close();
    QCOMPARE(cancelled.size(), 1);
}

void TestLoginView::browserButtonRequestsSystemBrowser()
{
    LoginView *view = newView();
    QSignalSpy browser(view, &LoginView::systemBrowserRequested);
    QSignalSpy cancelled(view, &LoginView::cancelled);
    QVERIFY(view->start(authorize(QStringLiteral("s"))));
    auto *button = view->findChild<QPushButton *>(QStringLiteral("loginSystemBrowserButton"));
    QVERIFY(button && button->isVisible());
    QVERIFY(!button->accessibleName().isEmpty());
    button->click();
    QCOMPARE(browser.size(), 1);
    view->close();
    QCOMPARE(cancelled.size(), 0);
}

void TestLoginView::startRefusesPlainHttpOffLoopback()
{
    LoginView *view = newView();
    QVERIFY(!view->start(QUrl(QStringLiteral("http://login.procore.com/oauth/authorize?x=1"))));
    QVERIFY(!view->start(m_trap.redirectUri()));
    QCOMPARE(view->state(), LoginView::State::Idle);
    LoginView noRedirect(QString{});
    QVERIFY(!noRedirect.start(authorize(QStringLiteral("s"))));
}

QTEST_MAIN(TestLoginView)
#include "tst_loginview.moc"
