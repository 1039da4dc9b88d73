#pragma once

#include "auth/memorytokenstore.h"
#include "emulatorprocess.h"
#include "urlcatcher.h"

#include <QNetworkAccessManager>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class MainWindow;
class QWidget;
class Session;

// What the window suites share: an emulator with every company on a zone host of its own, a
// signed-in earlier run (tokens, last company, offline copy), a Session on it, the window on
// that session, a stand-in browser and screenshots into the build tree.
class WindowFixture
{
public:
    // Call from initTestCase: test-mode paths, the app's names, the browser stand-in.
    static void initTestCase(const char *applicationName);
    // Starts the emulator with `arguments` plus `--projects projectCount`, and signs in.
    bool start(int projectCount, const QStringList &arguments = {}, QString *error = nullptr);
    void stop();
    // After a sign-out: signs in again as the same user (settings kept), as start() did.
    bool signInAgain(int projectCount, QString *error = nullptr);

    std::unique_ptr<Session> makeSession();
    // Shown, active, 1280×800, and the session started; null when it never became active.
    std::unique_ptr<MainWindow> openWindow(Session &session);
    // The same for a window whose sign-in profile lives in `profileDir` (tst_mainwindow's own).
    static std::unique_ptr<MainWindow> showWindow(Session &session, const QString &profileDir);
    static bool screenshot(QWidget *widget, const QString &name);

    EmulatorProcess &emulator() { return m_emulator; }
    QList<QUrl> &openedUrls() { return browser().urls; }
    QString cacheDirectory() const;
    // The company the earlier run signed in to.
    qint64 companyId() const { return m_companyId; }
    static UrlCatcher &browser();

private:
    EmulatorProcess m_emulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemoryTokenStore> m_store;
    QNetworkAccessManager m_network;
    qint64 m_companyId = 0;
};
