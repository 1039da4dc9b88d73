#include "windowfixture.h"

#include "common/translations.h"

#include "main/mainwindow.h"
#include "main/signincontroller.h"
#include "session/session.h"
#include "signedinseed.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

UrlCatcher &WindowFixture::browser()
{
    static UrlCatcher catcher;
    return catcher;
}

void WindowFixture::initTestCase(const char *applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(applicationName));
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser(), "open");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser(), "open");
    QDir().mkpath(QStringLiteral(PROCORE_SCREENSHOT_DIR));
    // As main() does: English, with its plural forms ("1 project", "450 projects").
    Translations::install(QStringLiteral("en"));
}

bool WindowFixture::start(int projectCount, const QStringList &arguments, QString *error)
{
    QSettings().clear();
    browser().urls.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MemoryTokenStore>();
    if (!m_emulator.start(QStringList{QStringLiteral("--projects"), QString::number(projectCount),
                                      QStringLiteral("--web-base-url"),
                                      QStringLiteral("https://uk01.procore.com")} +
                          arguments)) {
        if (error)
            *error = m_emulator.errorString();
        return false;
    }
    const auto seeded =
        SignedInSeed::seed(m_emulator, m_store.get(), projectCount, cacheDirectory());
    m_companyId = seeded.companyId;
    if (error)
        *error = seeded.error;
    return seeded.ok();
}

bool WindowFixture::signInAgain(int projectCount, QString *error)
{
    const auto seeded =
        SignedInSeed::seed(m_emulator, m_store.get(), projectCount, cacheDirectory());
    if (error)
        *error = seeded.error;
    return seeded.ok();
}

void WindowFixture::stop()
{
    m_emulator.stop();
}

QString WindowFixture::cacheDirectory() const
{
    return m_dir->filePath(QStringLiteral("cache"));
}

std::unique_ptr<Session> WindowFixture::makeSession()
{
    return std::make_unique<Session>(SignedInSeed::environment(m_emulator), SignedInSeed::client(),
                                     m_store.get(), &m_network, cacheDirectory());
}

std::unique_ptr<MainWindow> WindowFixture::openWindow(Session &session)
{
    return showWindow(session, m_dir->filePath(QStringLiteral("profile")));
}

std::unique_ptr<MainWindow> WindowFixture::showWindow(Session &session, const QString &profileDir)
{
    auto window = std::make_unique<MainWindow>(&session);
    window->signInController()->setProfileDir(profileDir);
    window->resize(1280, 800);
    window->show();
    // No window manager under Xvfb gives it the focus: ask for it (X input focus), so its
    // shortcuts work (QApplication::setActiveWindow is deprecated from Qt 6.5). Null when it
    // never became active; callers QVERIFY the window.
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    session.start();
    return window;
}

bool WindowFixture::screenshot(QWidget *widget, const QString &name)
{
    QTest::qWait(100); // let pending layout requests settle, as they would before a repaint
    return widget->grab().save(QDir(QStringLiteral(PROCORE_SCREENSHOT_DIR)).filePath(name));
}
