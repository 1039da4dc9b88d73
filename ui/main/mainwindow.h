#pragma once

#include "common/procoreerror.h"
#include "links/deeplink.h"

#include <QMainWindow>

class DrawingsLauncher;
class ProjectsPage;
class QStackedWidget;
class Session;
class SignInController;
class WelcomePage;

// The app's one window: the welcome page while signed out, the projects page once signed in
// (and while Procore asks to sign in again, so nothing vanishes). Draws what the Session says;
// every action goes back to the Session.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    WelcomePage *welcomePage() const { return m_welcome; }
    ProjectsPage *projectsPage() const { return m_projects; }
    SignInController *signInController() const { return m_signIn; }
    DrawingsLauncher *drawings() const { return m_drawings; }
    bool showsProjects() const;

public slots:
    // A link from outside (a later launch, the desktop's open-URL event), parsed already:
    // opens its project, or says why it was refused, and comes to the front either way.
    void followLink(const DeepLinkResult &link);
    // A transient note (bad link, declined sign-in) in the banner or on the welcome page.
    void showNotice(const ProcoreError &error);
    void bringToFront();
    // With forgetShortlists, the user's favourites and recent projects go too.
    void signOut(bool forgetShortlists = false);

signals:
    // The user picked another language in the Language menu (a code of Translations).
    void languageChosen(const QString &code);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void onStateChanged();
    void updatePage();
    void updateUser();
    void updateCompanies();
    void updateSyncNote();
    void updateBanner();
    void onBannerAction();
    void confirmSignOut();
    void openProject(qint64 projectId);
    void openWebPage(const QUrl &url);
    void createActions();
    void createLanguageMenu();
    void restoreLayout();
    QString environmentLabel() const;

    Session *m_session;
    SignInController *m_signIn;
    QStackedWidget *m_stack;
    WelcomePage *m_welcome;
    ProjectsPage *m_projects;
    DrawingsLauncher *m_drawings = nullptr;
    enum class BannerAction { None, Retry, SignIn } m_bannerAction = BannerAction::None;
    bool m_bannerShowsProblem = false; // else a notice, or nothing
    bool m_benchmarkStamp = false;
};
