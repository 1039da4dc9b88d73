#include "loginview.h"

#include "common/logging.h"
#include "common/redact.h"
#include "config/environment.h"
#include "login/loginaddressbar.h"
#include "login/loginerrorpanel.h"
#include "login/loginfailure.h"
#include "login/loginpage.h"
#include "login/loginrequestinterceptor.h"
#include "login/loginwebprofile.h"
#include "storage/loginprofile.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineView>

LoginView::LoginView(const QString &profileDir, QWidget *parent)
    : QWidget(parent)
{
    m_profile = LoginWebProfile::create(profileDir, &m_persistent);

    m_interceptor = new LoginRequestInterceptor(this);
    m_page = new LoginPage(m_profile, this);
    m_page->setUrlRequestInterceptor(m_interceptor);
    buildUi();
    m_webView->setPage(m_page);

    connect(m_page, &LoginPage::redirectCaught, this, &LoginView::finishWithRedirect);
    connect(m_interceptor, &LoginRequestInterceptor::mainFrameRedirectBlocked, this,
            &LoginView::finishWithRedirect);
    connect(m_page, &LoginPage::foreignSignInRequested, this,
            [this](const QUrl &url) { showFailure(LoginFailure::foreignSignIn(url)); });
    connect(m_page, &LoginPage::openedExternally, this, [this](const QUrl &url) {
        showNotice(tr("Opened %1 in your web browser.").arg(url.host()));
    });
    connect(m_page, &LoginPage::alertShown, this,
            [this](const QString &text) { showNotice(tr("The page says: %1").arg(text)); });
    connect(
        m_page, &LoginPage::certificateRejected, this,
        [this](const QUrl &, const QString &description) { m_certificateProblem = description; });
    connect(m_page, &QWebEnginePage::loadStarted, this, [this] {
        if (m_state == State::Finished)
            return;
        m_progress->setValue(0);
        m_progress->show();
        if (m_state != State::Error)
            setState(State::Loading);
    });
    connect(m_page, &QWebEnginePage::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_page, &QWebEnginePage::loadingChanged, this, &LoginView::onLoadingChanged);
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                if (status != QWebEnginePage::NormalTerminationStatus && m_state != State::Finished)
                    showFailure(LoginFailure::crashed(exitCode));
            });
    connect(m_errorPanel, &LoginErrorPanel::retryRequested, this, &LoginView::retry);
    connect(m_errorPanel, &LoginErrorPanel::cancelRequested, this, &LoginView::cancel);
    connect(m_errorPanel, &LoginErrorPanel::systemBrowserRequested, this,
            &LoginView::finishWithSystemBrowser);
    connect(m_browserButton, &QPushButton::clicked, this, &LoginView::finishWithSystemBrowser);
    connect(m_cancelButton, &QPushButton::clicked, this, &LoginView::cancel);

    // Esc cancels from anywhere in the view, the web page included.
    auto *escape = new QAction(this);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QAction::triggered, this, &LoginView::cancel);
    addAction(escape);

    setWindowTitle(tr("Sign in to Procore"));
    // The page's input goes to widgets WebEngine creates inside the view when it likes, so
    // the view watches from the application.
    qApp->installEventFilter(this);
}

LoginView::~LoginView()
{
    // Chromium wants the page gone before its profile; the view only borrows the page.
    delete m_webView;
    m_webView = nullptr;
    delete m_page;
    m_page = nullptr;
    delete m_profile;
}

void LoginView::buildUi()
{
    m_addressBar = new LoginAddressBar(this);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loginProgress"));
    m_progress->setAccessibleName(tr("Page loading progress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setFixedHeight(4);
    m_progress->hide();

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("loginNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    m_notice->setContentsMargins(8, 4, 8, 4);
    m_notice->hide();

    m_webView = new QWebEngineView(this);
    m_webView->setObjectName(QStringLiteral("loginWebView"));
    m_webView->setAccessibleName(tr("Procore sign-in page"));
    m_webView->setContextMenuPolicy(Qt::NoContextMenu);
    m_errorPanel = new LoginErrorPanel(this);
    m_donePage = new QLabel(tr("Signing you in to Procore Desktop…"), this);
    m_donePage->setObjectName(QStringLiteral("loginDonePage"));
    m_donePage->setAlignment(Qt::AlignCenter);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_webView);
    m_stack->addWidget(m_errorPanel);
    m_stack->addWidget(m_donePage);

    m_browserButton = new QPushButton(tr("Sign in with your &browser instead"), this);
    m_browserButton->setObjectName(QStringLiteral("loginSystemBrowserButton"));
    m_browserButton->setFlat(true);
    QFont linkFont = m_browserButton->font();
    linkFont.setUnderline(true);
    m_browserButton->setFont(linkFont);
    QPalette linkPalette = m_browserButton->palette();
    linkPalette.setColor(QPalette::ButtonText, linkPalette.color(QPalette::Link));
    m_browserButton->setPalette(linkPalette);
    m_browserButton->setCursor(Qt::PointingHandCursor);
    m_browserButton->setAccessibleName(tr("Sign in with your web browser instead"));
    m_browserButton->setToolTip(
        tr("For company single sign-on that does not work inside this window"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("loginCancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel sign-in"));

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(8, 4, 8, 6);
    bottom->addWidget(m_browserButton);
    bottom->addStretch();
    bottom->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_addressBar);
    layout->addWidget(m_progress);
    layout->addWidget(m_notice);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);

    setTabOrder(m_webView, m_browserButton);
    setTabOrder(m_browserButton, m_cancelButton);
}

QSize LoginView::sizeHint() const
{
    return {520, 720};
}

void LoginView::setRedirectUri(const QUrl &uri)
{
    m_policy.setRedirectUri(uri);
    applyPolicy();
}

void LoginView::setAllowedHosts(const QStringList &hosts)
{
    m_extraHosts = hosts;
    applyPolicy();
}

void LoginView::setEnvironmentLabel(const QString &label)
{
    m_addressBar->setEnvironmentLabel(label);
    setWindowTitle(label.isEmpty() ? tr("Sign in to Procore")
                                   : tr("Sign in to Procore (%1)").arg(label));
}

void LoginView::applyPolicy()
{
    m_policy.setAllowedHosts(m_extraHosts);
    m_policy.allowHostOf(m_authorizeUrl);
    m_page->setPolicy(m_policy);
    m_interceptor->setPolicy(m_policy);
}

bool LoginView::start(const QUrl &authorizeUrl)
{
    if (m_policy.redirectUri().isEmpty() || !authorizeUrl.isValid() ||
        m_policy.isRedirect(authorizeUrl)) {
        qCWarning(lcUi) << "sign-in not started: no redirect URI or a bad authorize URL";
        return false;
    }
    const bool https = authorizeUrl.scheme() == u"https";
    const bool localHttp =
        authorizeUrl.scheme() == u"http" && Environment::isLoopbackHost(authorizeUrl.host());
    if (!https && !localHttp) {
        qCWarning(lcUi) << "sign-in not started: the authorize URL must use https";
        return false;
    }
    m_authorizeUrl = authorizeUrl;
    applyPolicy();
    m_addressBar->setUrl(authorizeUrl);
    setState(State::Loading);
    m_stack->setCurrentWidget(m_webView);
    qCInfo(lcUi) << "loading the sign-in page" << Redact::url(authorizeUrl);
    m_page->load(authorizeUrl);
    return true;
}

void LoginView::retry()
{
    if (m_state == State::Finished || m_authorizeUrl.isEmpty())
        return;
    m_certificateProblem.clear();
    // Back to the start: the authorize URL skips the form when the session is still good.
    setState(State::Loading);
    m_stack->setCurrentWidget(m_webView);
    m_page->load(m_authorizeUrl);
}

void LoginView::cancel()
{
    if (m_state == State::Finished)
        return;
    m_page->triggerAction(QWebEnginePage::Stop);
    setState(State::Finished);
    qCInfo(lcUi) << "sign-in cancelled";
    emit cancelled();
}

bool LoginView::isPersistent() const
{
    return m_persistent;
}

QString LoginView::errorTitle() const
{
    return m_state == State::Error ? m_errorPanel->title() : QString();
}

QWebEnginePage *LoginView::page() const
{
    return m_page;
}

void LoginView::clearSession()
{
    LoginWebProfile::clearSession(m_profile);
}

bool LoginView::clearProfile(const QString &dir)
{
    QString why;
    if (!LoginProfile::clear(dir, &why)) {
        qCWarning(lcUi) << "sign-in profile not cleared:" << why;
        return false;
    }
    return true;
}

bool LoginView::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::KeyPress:
    case QEvent::TouchEnd:
        if (auto *widget = qobject_cast<QWidget *>(watched);
            widget && m_webView && (widget == m_webView || m_webView->isAncestorOf(widget)))
            m_page->noteUserGesture();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void LoginView::closeEvent(QCloseEvent *event)
{
    // Closing the window is the user's way of saying "not now".
    cancel();
    event->accept();
}

void LoginView::onLoadingChanged(const QWebEngineLoadingInfo &info)
{
    if (info.status() == QWebEngineLoadingInfo::LoadStartedStatus)
        return;
    m_progress->hide();
    if (m_state == State::Finished)
        return;
    switch (info.status()) {
    case QWebEngineLoadingInfo::LoadStartedStatus:
        return;
    case QWebEngineLoadingInfo::LoadStoppedStatus:
        // A navigation we refused (a foreign link, a frame): the current page stays usable.
        if (m_state == State::Loading)
            setState(State::Ready);
        return;
    case QWebEngineLoadingInfo::LoadFailedStatus: {
        qCInfo(lcUi) << "sign-in page load failed:" << Redact::url(info.url()) << info.errorDomain()
                     << info.errorCode();
        const LoginFailure failure =
            info.errorDomain() == QWebEngineLoadingInfo::CertificateErrorDomain
                ? LoginFailure::certificate(info.url(), m_certificateProblem)
                : LoginFailure::fromLoad(info.url(), info.errorDomain(), info.errorCode(),
                                         info.errorString());
        if (failure.kind != LoginFailure::Kind::None)
            showFailure(failure);
        else if (m_state == State::Loading)
            setState(State::Ready); // stopped by us; the old page stays
        return;
    }
    case QWebEngineLoadingInfo::LoadSucceededStatus:
        if (m_state == State::Error)
            return;
        m_addressBar->setUrl(info.url());
        m_stack->setCurrentWidget(m_webView);
        if (m_state != State::Ready) {
            setState(State::Ready);
            if (isVisible())
                m_webView->setFocus();
        }
        return;
    }
}

void LoginView::setState(State state)
{
    // The message panel brings its own Cancel (and maybe the browser button): no doubles.
    const bool panel = state == State::Error;
    m_cancelButton->setVisible(!panel);
    m_browserButton->setVisible(!panel ||
                                m_errorPanel->primaryAction() == LoginErrorPanel::Action::Retry);
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void LoginView::showFailure(const LoginFailure &failure)
{
    if (m_state == State::Finished)
        return;
    qCInfo(lcUi) << "sign-in page problem:" << failure.detail;
    m_page->triggerAction(QWebEnginePage::Stop);
    m_progress->hide();
    const auto action = failure.kind == LoginFailure::Kind::ForeignSignIn
                            ? LoginErrorPanel::Action::SystemBrowser
                            : LoginErrorPanel::Action::Retry;
    m_errorPanel->showMessage(failure.title, failure.message, failure.detail, action);
    m_stack->setCurrentWidget(m_errorPanel);
    setState(State::Error);
    m_errorPanel->primaryButton()->setFocus();
    emit failureShown(failure.title);
}

void LoginView::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->show();
    QTimer::singleShot(8000, m_notice, [notice = m_notice, text] {
        if (notice->text() == text)
            notice->hide();
    });
}

void LoginView::finishWithRedirect(const QUrl &url)
{
    if (m_state == State::Finished)
        return;
    m_page->triggerAction(QWebEnginePage::Stop);
    m_progress->hide();
    m_stack->setCurrentWidget(m_donePage);
    setState(State::Finished);
    emit redirectCaught(url);
}

void LoginView::finishWithSystemBrowser()
{
    if (m_state == State::Finished)
        return;
    m_page->triggerAction(QWebEnginePage::Stop);
    setState(State::Finished);
    qCInfo(lcUi) << "user chose to sign in with the system browser";
    emit systemBrowserRequested();
}
