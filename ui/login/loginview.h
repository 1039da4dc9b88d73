#pragma once

#include "signin/loginnavigationpolicy.h"

#include <QUrl>
#include <QWidget>

class LoginAddressBar;
class LoginErrorPanel;
class LoginPage;
class LoginRequestInterceptor;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QWebEnginePage;
class QWebEngineLoadingInfo;
class QWebEngineProfile;
class QWebEngineView;
struct LoginFailure;

// Procore's sign-in page in an embedded browser with its own profile. It loads the
// authorize URL, lets the user sign in on the allowed hosts only, and hands back the
// redirect (with code/state or error) without ever requesting it. Exactly one of
// redirectCaught(), cancelled() or systemBrowserRequested() ends a sign-in.
class LoginView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginView)
public:
    enum class State { Idle, Loading, Ready, Error, Finished };
    Q_ENUM(State)

    // profileDir: where cookies and storage persist between sign-ins; empty for an
    // off-the-record profile that forgets everything when the view goes.
    explicit LoginView(const QString &profileDir, QWidget *parent = nullptr);
    ~LoginView() override;

    void setRedirectUri(const QUrl &uri);
    // Hosts the login pages need besides the authorize URL's own ("host" or "host:port").
    void setAllowedHosts(const QStringList &hosts);
    void setEnvironmentLabel(const QString &label); // "" for production
    // False when the URL is unusable (not https, or http off loopback) or no redirect URI set.
    bool start(const QUrl &authorizeUrl);
    void retry();
    void cancel();

    State state() const { return m_state; }
    bool isPersistent() const;
    QString errorTitle() const; // empty unless the message panel shows
    QWebEnginePage *page() const;
    QWebEngineProfile *profile() const { return m_profile; }
    QSize sizeHint() const override;

    // Forgets the signed-in Procore session of the live profile (cookies, cache).
    void clearSession();
    // Deletes a profile folder while no view uses it; needs no WebEngine (LoginProfile).
    static bool clearProfile(const QString &dir);

signals:
    void redirectCaught(const QUrl &url);
    void cancelled();
    void systemBrowserRequested();
    void stateChanged(LoginView::State state);
    void failureShown(const QString &title);

protected:
    void closeEvent(QCloseEvent *event) override;
    // Clicks and keys in the page count as the person's gesture (LoginPage::noteUserGesture).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void applyPolicy();
    void onLoadingChanged(const QWebEngineLoadingInfo &info);
    void setState(State state);
    void showFailure(const LoginFailure &failure);
    void showNotice(const QString &text);
    void finishWithRedirect(const QUrl &url);
    void finishWithSystemBrowser();

    QWebEngineProfile *m_profile = nullptr;
    LoginPage *m_page = nullptr;
    LoginRequestInterceptor *m_interceptor = nullptr;
    QWebEngineView *m_webView = nullptr;
    QStackedWidget *m_stack = nullptr;
    LoginErrorPanel *m_errorPanel = nullptr;
    QLabel *m_donePage = nullptr;
    LoginAddressBar *m_addressBar = nullptr;
    QLabel *m_notice = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_browserButton = nullptr;
    QPushButton *m_cancelButton = nullptr;

    LoginNavigationPolicy m_policy;
    QStringList m_extraHosts;
    QUrl m_authorizeUrl;
    QString m_certificateProblem;
    State m_state = State::Idle;
    bool m_persistent = false;
};
