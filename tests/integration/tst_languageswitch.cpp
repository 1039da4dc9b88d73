// The language can be switched at run time from the window's Language menu (issue 14): the
// window is rebuilt in Spanish with the same project selected, the choice is remembered, the
// welcome page speaks it after sign-out, and English comes back the same way. Screenshots
// es-projects.png and es-welcome.png.
#include "common/translations.h"
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "main/welcomepage.h"
#include "main/windowhost.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "windowfixture.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

class TestLanguageSwitch final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void switchesToSpanishAndBack();

private:
    static QAction *languageAction(MainWindow *window, const QString &code);
    bool switchTo(WindowHost &host, const QString &code);

    static constexpr int projectCount = 450;
    WindowFixture m_fixture;
    std::unique_ptr<Session> m_session;
};

void TestLanguageSwitch::initTestCase()
{
    WindowFixture::initTestCase("tst_languageswitch");
}

void TestLanguageSwitch::cleanup()
{
    m_session.reset();
    m_fixture.stop();
    Translations::install(QStringLiteral("en"));
}

QAction *TestLanguageSwitch::languageAction(MainWindow *window, const QString &code)
{
    auto *menu = window->menuBar()->findChild<QMenu *>(QStringLiteral("languageMenu"));
    if (!menu)
        return nullptr;
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->data().toString() == code)
            return action;
    }
    return nullptr;
}

bool TestLanguageSwitch::switchTo(WindowHost &host, const QString &code)
{
    QAction *action = languageAction(host.window(), code);
    if (!action)
        return false;
    QSignalSpy replaced(&host, &WindowHost::windowReplaced);
    action->trigger();
    return replaced.wait(10000) && replaced.at(0).at(0).value<MainWindow *>() == host.window();
}

void TestLanguageSwitch::switchesToSpanishAndBack()
{
    QString error;
    QVERIFY2(m_fixture.start(projectCount, {}, &error), qPrintable(error));
    m_session = m_fixture.makeSession();
    WindowHost host(m_session.get());
    host.window()->resize(1280, 800);
    host.window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(host.window()));
    m_session->start();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isLoading() &&
                                 host.window()->projectsPage()->table()->model()->rowCount() ==
                                     projectCount,
                             20000);
    QCOMPARE(host.window()->projectsPage()->countText(), QStringLiteral("450 projects"));
    // Each language is offered in its own words; the one in use is ticked.
    QAction *english = languageAction(host.window(), QStringLiteral("en"));
    QVERIFY(english && english->isChecked());
    QCOMPARE(languageAction(host.window(), QStringLiteral("es"))->text(),
             QStringLiteral("español"));

    const qint64 selected = m_session->projects()->projectAt(7).id;
    QVERIFY(host.window()->projectsPage()->focusProject(selected));
    MainWindow *before = host.window();
    QVERIFY(switchTo(host, QStringLiteral("es")));
    QVERIFY(host.window() != before);
    QCOMPARE(Translations::current(), QStringLiteral("es"));
    QCOMPARE(QSettings().value(Translations::settingsKey()).toString(), QStringLiteral("es"));
    ProjectsPage *page = host.window()->projectsPage();
    QCOMPARE(page->countText(), QStringLiteral("450 proyectos"));
    QCOMPARE(page->selectedProjectId(), selected);
    QCOMPARE(page->details()->projectId(), selected);
    QVERIFY(!page->details()->fieldText(QStringLiteral("Número de proyecto")).isEmpty());
    QVERIFY(languageAction(host.window(), QStringLiteral("es"))->isChecked());
    QVERIFY(WindowFixture::screenshot(host.window(), QStringLiteral("es-projects.png")));

    QSignalSpy signedOut(m_session.get(), &Session::signedOut);
    host.window()->signOut();
    QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 20000);
    QTRY_VERIFY(!host.window()->showsProjects());
    QCOMPARE(host.window()->welcomePage()->signInButton()->text(),
             QStringLiteral("Iniciar sesión en Procore"));
    QVERIFY(WindowFixture::screenshot(host.window(), QStringLiteral("es-welcome.png")));

    QVERIFY(switchTo(host, QStringLiteral("en")));
    QCOMPARE(host.window()->welcomePage()->signInButton()->text(),
             QStringLiteral("Sign in to Procore"));
    QCOMPARE(QSettings().value(Translations::settingsKey()).toString(), QStringLiteral("en"));
}

QTEST_MAIN(TestLanguageSwitch)
#include "tst_languageswitch.moc"
