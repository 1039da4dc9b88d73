#include "loginpage.h"

#include "common/logging.h"
#include "common/redact.h"

#include <QDesktopServices>
#include <QWebEngineCertificateError>
#include <QWebEngineNewWindowRequest>
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QWebEnginePermission>
#endif
#include <QWebEngineSettings>

LoginPage::LoginPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{
    QWebEngineSettings *s = settings();
    // Only a user's click may open a pop-up (which then goes to the system browser).
    s->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    s->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    s->setAttribute(QWebEngineSettings::PdfViewerEnabled, false);
    s->setAttribute(QWebEngineSettings::FullScreenSupportEnabled, false);
    s->setAttribute(QWebEngineSettings::ScreenCaptureEnabled, false);
    s->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    s->setAttribute(QWebEngineSettings::WebRTCPublicInterfacesOnly, true);
    s->setAttribute(QWebEngineSettings::DnsPrefetchEnabled, false);
    // Our own message panel explains failures; Chromium's error page would flash first.
    s->setAttribute(QWebEngineSettings::ErrorPageEnabled, false);

    // Pop-ups and target=_blank: the request carries the URL, createWindow() does not.
    connect(this, &QWebEnginePage::newWindowRequested, this,
            [this](QWebEngineNewWindowRequest &request) {
                const QUrl url = request.requestedUrl();
                if (m_policy.isRedirect(url)) {
                    qCWarning(lcUi) << "refused a pop-up to the redirect URI";
                    return;
                }
                const auto decision = m_policy.decide(url, true);
                if (decision == LoginNavigationPolicy::Decision::Load ||
                    decision == LoginNavigationPolicy::Decision::OpenExternally)
                    openExternally(url);
                else
                    qCInfo(lcUi) << "refused a pop-up to" << Redact::url(url);
            });

    connect(this, &QWebEnginePage::certificateError, this,
            [this](const QWebEngineCertificateError &error) {
                QWebEngineCertificateError copy = error; // shares the request
                copy.rejectCertificate();
                qCWarning(lcUi) << "rejected certificate of" << Redact::url(error.url())
                                << error.description();
                emit certificateRejected(error.url(), error.description());
            });

    // Camera, microphone, location, notifications: a sign-in page needs none of them.
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt 6.8 hands out QWebEnginePermission objects instead (and deprecates the feature pair
    // below); they also cover requests the old Feature enum cannot name, such as clipboard or
    // local fonts access, so every kind is refused.
    connect(this, &QWebEnginePage::permissionRequested, this,
            [](QWebEnginePermission permission) { permission.deny(); });
#else
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            [this](const QUrl &origin, Feature feature) {
                setFeaturePermission(origin, feature, PermissionDeniedByUser);
            });
#endif
}

bool LoginPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    using Decision = LoginNavigationPolicy::Decision;
    switch (m_policy.decide(url, isMainFrame)) {
    case Decision::Load:
        return true;
    case Decision::CatchRedirect:
        qCInfo(lcUi) << "caught the redirect before it loaded:" << Redact::url(url);
        emit redirectCaught(url);
        return false;
    case Decision::OpenExternally:
        if (type == NavigationTypeRedirect || type == NavigationTypeFormSubmitted) {
            // The sign-in itself wants to continue elsewhere; the browser would lose this
            // session's cookies, so offer a fresh sign-in in the browser instead.
            qCInfo(lcUi) << "sign-in continues on a foreign host" << Redact::url(url);
            emit foreignSignInRequested(url);
        } else {
            openExternally(url);
        }
        return false;
    case Decision::Refuse:
        break;
    }
    qCInfo(lcUi) << "refused navigation to" << Redact::url(url) << "main frame" << isMainFrame;
    return false;
}

QWebEnginePage *LoginPage::createWindow(WebWindowType)
{
    // newWindowRequested already sent the URL to the system browser.
    return nullptr;
}

void LoginPage::javaScriptAlert(const QUrl &, const QString &msg)
{
    // Shown in the view's notice bar: a modal box would stall the page if the window closes.
    emit alertShown(msg.left(300));
}

bool LoginPage::javaScriptConfirm(const QUrl &, const QString &)
{
    qCInfo(lcUi) << "declined a JavaScript confirm() on the sign-in page";
    return false;
}

bool LoginPage::javaScriptPrompt(const QUrl &, const QString &, const QString &, QString *)
{
    qCInfo(lcUi) << "declined a JavaScript prompt() on the sign-in page";
    return false;
}

void LoginPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                         const QString &message, int lineNumber,
                                         const QString &sourceID)
{
    // The text may quote the page (typed e-mail, codes in URLs): never logged, only where.
    qCDebug(lcUi) << "page console message, level" << level << "from" << Redact::url(QUrl(sourceID))
                  << "line" << lineNumber << "length" << message.size();
}

void LoginPage::noteUserGesture()
{
    m_gesture.start();
}

bool LoginPage::takeUserGesture()
{
    const bool fresh = m_gesture.isValid() && !m_gesture.hasExpired(gestureLifetimeMs);
    m_gesture.invalidate(); // one gesture, one external open
    return fresh;
}

void LoginPage::openExternally(const QUrl &url)
{
    if (!takeUserGesture()) {
        qCInfo(lcUi) << "refused a script-started navigation to" << Redact::url(url);
        return;
    }
    qCInfo(lcUi) << "opening in the system browser:" << Redact::url(url);
    QDesktopServices::openUrl(url);
    emit openedExternally(url);
}
