#include "loginhelper.h"

#include "common/logging.h"
#include "login/loginview.h"
#include "login/stdinwatcher.h"

#include <QApplication>
#include <QWebEnginePage>

#include <cstdio>

LoginHelper::LoginHelper(const LoginRequest &request, const QElapsedTimer &sinceStart,
                         QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_sinceStart(sinceStart)
    , m_view(new LoginView(request.profileDir))
    , m_stdin(new StdinWatcher(this))
{
    m_view->setRedirectUri(request.redirectUri);
    m_view->setAllowedHosts(request.allowedHosts);
    m_view->setEnvironmentLabel(request.environmentLabel);
    connect(m_view, &LoginView::redirectCaught, this,
            [this](const QUrl &url) { finish(LoginReply::redirect(url)); });
    connect(m_view, &LoginView::cancelled, this, [this] { finish(LoginReply::cancelled()); });
    connect(m_view, &LoginView::systemBrowserRequested, this,
            [this] { finish(LoginReply::systemBrowser()); });
    connect(m_view->page(), &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (ok && !m_firstPageLogged) {
            m_firstPageLogged = true;
            qCDebug(lcUi) << "login page loaded" << m_sinceStart.elapsed() << "ms after start";
        }
    });
    // The main process closes our stdin when it cancels or dies: no orphaned window.
    connect(m_stdin, &StdinWatcher::closed, this, [this] {
        qCInfo(lcUi) << "the app closed the sign-in request; closing the window";
        finish(LoginReply::cancelled());
    });
}

LoginHelper::~LoginHelper()
{
    delete m_view;
}

void LoginHelper::show()
{
    m_stdin->start();
    m_view->resize(m_view->sizeHint());
    m_view->show();
    m_view->raise();
    m_view->activateWindow();
    if (!m_view->start(m_request.authorizeUrl))
        finish(LoginReply::error(QStringLiteral("the sign-in page could not be started")));
}

void LoginHelper::writeReply(const LoginReply &reply)
{
    const QByteArray line = reply.toJsonLine();
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void LoginHelper::finish(const LoginReply &reply)
{
    if (m_finished)
        return;
    m_finished = true;
    writeReply(reply);
    m_view->hide();
    // Queued: an exit() before the event loop runs would be lost.
    QMetaObject::invokeMethod(
        qApp, [code = reply.exitCode()] { QCoreApplication::exit(code); }, Qt::QueuedConnection);
}
