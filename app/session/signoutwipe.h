#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class ProcoreAuth;

// Sign-out, one routine for the window and the terminal: Procore revokes the tokens and every
// keychain entry of the environment goes (ProcoreAuth::signOut, SignOutJob), and so does what the
// app keeps on disk about the person: the offline project and account copies and the sign-in
// window's browser profile (Procore's persistent web session) and the drawings kept offline. The
// profile is wiped only once no sign-in window holds it: a running Chromium would write its cookies
// back. finished() lists what could not be deleted (files, folders, keychain entries); an empty
// list means nothing is left.
class SignOutWipe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignOutWipe)
public:
    struct Paths
    {
        QString cacheDirectory;    // the offline copies (ProjectCache, AccountCache)
        QString loginProfileDir;   // this environment's sign-in profile
        QString drawingsDirectory; // the drawings kept offline (DrawingStore), every account
    };
    // Stops whatever sign-in window this process runs and calls `stopped` once its process
    // has exited (at once when none runs).
    using WindowStopper = std::function<void(std::function<void()> stopped)>;

    // `auth` is not owned and must outlive the wipe.
    SignOutWipe(ProcoreAuth *auth, Paths paths, WindowStopper stopper = {},
                QObject *parent = nullptr);
    ~SignOutWipe() override;

    void start();
    // A start after an interrupted wipe (crash, a file Windows kept locked) finishes it.
    // Returns what is still there.
    static QStringList finishInterrupted(const QString &loginProfileDir);

signals:
    void finished(const QStringList &leftovers);

private:
    void deleteCopies();
    void deleteProfile();
    void stepDone();

    ProcoreAuth *m_auth;
    Paths m_paths;
    WindowStopper m_stopper;
    QStringList m_leftovers;
    int m_pending = 0;
    bool m_started = false;
};
