#pragma once

#include <QObject>

#include <memory>

class MainWindow;
class Session;

// The app's one window over the Session, rebuilt when the user picks another language in its
// Language menu: every text is set where its widget is made and the Session holds the state,
// so a new window is the whole retranslation. Keeps the place, size and selected project.
class WindowHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowHost)
public:
    explicit WindowHost(Session *session, QObject *parent = nullptr);
    ~WindowHost() override;

    MainWindow *window() const { return m_window.get(); }
    // Installs `code`'s translations, remembers the choice in the settings and rebuilds the
    // window. Nothing happens for the language in use or one the app does not speak.
    void switchLanguage(const QString &code);

signals:
    // The old window is gone (deleted later); `window` replaces it.
    void windowReplaced(MainWindow *window);

private:
    void build();

    Session *m_session;
    std::unique_ptr<MainWindow> m_window;
};
