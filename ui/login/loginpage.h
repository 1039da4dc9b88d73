#pragma once

#include "signin/loginnavigationpolicy.h"

#include <QElapsedTimer>
#include <QWebEnginePage>

// The sign-in page: decides every navigation before it starts (LoginNavigationPolicy),
// catches the redirect URI, and keeps pop-ups, downloads, dialogs and certificate
// problems out of the embedded view.
class LoginPage final : public QWebEnginePage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginPage)
public:
    LoginPage(QWebEngineProfile *profile, QObject *parent = nullptr);

    void setPolicy(const LoginNavigationPolicy &policy) { m_policy = policy; }
    // A person clicked or typed in the page (LoginView watches its input). Only then may the
    // page send a URL to the system browser: a script on its own may not open mail programs
    // or foreign sites.
    void noteUserGesture();
    // Chromium's own transient user activation lasts this long.
    static constexpr int gestureLifetimeMs = 5000;
    const LoginNavigationPolicy &policy() const { return m_policy; }

signals:
    // The main frame was about to load the redirect URI; it was not requested.
    void redirectCaught(const QUrl &url);
    // A server redirect or form post leads to a host the view does not load: usually a
    // company's single sign-on, which only the system browser can finish.
    void foreignSignInRequested(const QUrl &url);
    // A page went to the system browser (foreign link or pop-up).
    void openedExternally(const QUrl &url);
    void alertShown(const QString &text);
    void certificateRejected(const QUrl &url, const QString &description);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
    void javaScriptAlert(const QUrl &securityOrigin, const QString &msg) override;
    bool javaScriptConfirm(const QUrl &securityOrigin, const QString &msg) override;
    bool javaScriptPrompt(const QUrl &securityOrigin, const QString &msg,
                          const QString &defaultValue, QString *result) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceID) override;

private:
    void openExternally(const QUrl &url);
    bool takeUserGesture();

    LoginNavigationPolicy m_policy;
    QElapsedTimer m_gesture; // invalid: no gesture since the last use
};
