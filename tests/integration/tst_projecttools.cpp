// A project's tools one keystroke away (issue 14): the row's context menu and the details
// pane's Tools button open each tool on the company's zone host, copy the app's and the web's
// links, copy the address and show it on a map.
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "main/projecttools.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "windowfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

class TestProjectTools final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void rowMenuOpensEveryTool_data();
    void rowMenuOpensEveryTool();
    void copyAndMap();
    void detailsPaneOffersTheSameTools();

private:
    // The row's context menu, opened as a right click does.
    QMenu *openRowMenu(ProjectsPage *page, int row);
    static QAction *action(QMenu *menu, const QString &text);

    static constexpr int projectCount = 450;
    WindowFixture m_fixture;
    UrlCatcher m_maps;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestProjectTools::initTestCase()
{
    WindowFixture::initTestCase("tst_projecttools");
    QDesktopServices::setUrlHandler(QStringLiteral("geo"), &m_maps, "open");
}

void TestProjectTools::init()
{
    QString error;
    QVERIFY2(m_fixture.start(projectCount, {}, &error), qPrintable(error));
    m_maps.urls.clear();
    m_session = m_fixture.makeSession();
    m_window = m_fixture.openWindow(*m_session);
    QVERIFY(m_window);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isLoading() &&
                                 m_window->projectsPage()->table()->model()->rowCount() ==
                                     projectCount,
                             20000);
}

void TestProjectTools::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_fixture.stop();
}

QMenu *TestProjectTools::openRowMenu(ProjectsPage *page, int row)
{
    QTableView *table = page->table();
    const QPoint at = table->visualRect(table->model()->index(row, 1)).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, table->viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(table->viewport(), &event);
    QMenu *menu = page->rowMenu();
    return menu && menu->isVisible() ? menu : nullptr;
}

QAction *TestProjectTools::action(QMenu *menu, const QString &text)
{
    for (QAction *candidate : menu->actions()) {
        if (candidate->text() == text)
            return candidate;
    }
    return nullptr;
}

void TestProjectTools::rowMenuOpensEveryTool_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("path"); // {c} company, {p} project
    QTest::newRow("Home") << "Home"
                          << "/{p}/project/home";
    QTest::newRow("Drawings") << "Drawings"
                              << "/webclients/host/companies/{c}/projects/{p}/tools/drawings";
    QTest::newRow("Documents") << "Documents"
                               << "/{p}/project/documents";
    QTest::newRow("RFIs") << "RFIs"
                          << "/{p}/project/rfi";
    QTest::newRow("Submittals") << "Submittals"
                                << "/webclients/host/companies/{c}/projects/{p}/tools/submittals";
    QTest::newRow("Daily Log") << "Daily Log"
                               << "/{p}/project/daily_log/list";
    QTest::newRow("Photos") << "Photos"
                            << "/{p}/project/photos";
    QTest::newRow("Punch List") << "Punch List"
                                << "/webclients/host/companies/{c}/projects/{p}/tools/punchlist";
    QTest::newRow("Directory") << "Directory"
                               << "/{p}/project/directory";
}

void TestProjectTools::rowMenuOpensEveryTool()
{
    QFETCH(QString, tool);
    QFETCH(QString, path);
    ProjectsPage *page = m_window->projectsPage();
    QMenu *menu = openRowMenu(page, 4);
    QVERIFY(menu);
    const qint64 project =
        page->table()->model()->index(4, 0).data(ProjectListModel::IdRole).toLongLong();
    QCOMPARE(page->selectedProjectId(), project); // the row right-clicked is the one shown
    QStringList texts;
    for (QAction *entry : menu->actions()) {
        if (!entry->isSeparator())
            texts << entry->text();
    }
    QCOMPARE(texts, (QStringList{"Home", "Drawings", "Documents", "RFIs", "Submittals", "Daily Log",
                                 "Photos", "Punch List", "Directory", "Copy link", "Copy address",
                                 "Show on map"}));
    if (tool == QStringLiteral("Drawings"))
        QVERIFY(WindowFixture::screenshot(menu, QStringLiteral("tools-menu.png")));
    QAction *open = action(menu, tool);
    QVERIFY(open && open->isEnabled());
    open->trigger();
    menu->hide();
    QCOMPARE(m_fixture.openedUrls().size(), 1);
    path.replace(QStringLiteral("{c}"), QString::number(m_session->currentCompanyId()));
    path.replace(QStringLiteral("{p}"), QString::number(project));
    // The company's zone host (company_base_url), as for the project's home page.
    QCOMPARE(m_fixture.openedUrls().front(),
             QUrl(QStringLiteral("https://uk01.procore.com") + path));
}

void TestProjectTools::copyAndMap()
{
    ProjectsPage *page = m_window->projectsPage();
    // Keyboard: the Menu key on the current row opens the same menu.
    const qint64 id =
        page->table()->model()->index(9, 0).data(ProjectListModel::IdRole).toLongLong();
    QVERIFY(page->focusProject(id));
    const Project project =
        page->table()->currentIndex().data(ProjectListModel::ProjectRole).value<Project>();
    const QPoint nowhere(-1, -1); // a keyboard request points at no row
    QContextMenuEvent key(QContextMenuEvent::Keyboard, nowhere,
                          page->table()->viewport()->mapToGlobal(nowhere));
    QCoreApplication::sendEvent(page->table()->viewport(), &key);
    QMenu *menu = page->rowMenu();
    QVERIFY(menu && menu->isVisible());

    action(menu, QStringLiteral("Copy link"))->trigger();
    QCOMPARE(
        QApplication::clipboard()->text(),
        QStringLiteral(
            "procore-desktop://project/%1?company=%2\nhttps://uk01.procore.com/%1/project/home")
            .arg(id)
            .arg(m_session->currentCompanyId()));
    action(menu, QStringLiteral("Copy address"))->trigger();
    const QString address = QApplication::clipboard()->text();
    QVERIFY2(!project.address.isEmpty() && address.startsWith(project.address),
             qPrintable(address));
    QVERIFY(address.contains(project.city));
    action(menu, QStringLiteral("Show on map"))->trigger();
    menu->hide();
    QCOMPARE(m_maps.urls.size(), 1);
    QCOMPARE(m_maps.urls.front().scheme(), QStringLiteral("geo"));
    QCOMPARE(QUrlQuery(m_maps.urls.front()).queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
             address);
    QVERIFY(m_fixture.openedUrls().isEmpty());
}

void TestProjectTools::detailsPaneOffersTheSameTools()
{
    ProjectsPage *page = m_window->projectsPage();
    const qint64 id =
        page->table()->model()->index(20, 0).data(ProjectListModel::IdRole).toLongLong();
    QVERIFY(page->focusProject(id));
    QToolButton *button = page->details()->toolsButton();
    QVERIFY(button->isVisible() && button->isEnabled());
    QMenu *menu = button->menu();
    QVERIFY(menu);
    QAction *photos = action(menu, QStringLiteral("Photos"));
    QVERIFY(photos);
    photos->trigger();
    QCOMPARE(
        m_fixture.openedUrls(),
        QList<QUrl>{QUrl(QStringLiteral("https://uk01.procore.com/%1/project/photos").arg(id))});
    // Another project selected: the menu follows it.
    const qint64 other =
        page->table()->model()->index(21, 0).data(ProjectListModel::IdRole).toLongLong();
    QVERIFY(page->focusProject(other));
    action(button->menu(), QStringLiteral("RFIs"))->trigger();
    QCOMPARE(m_fixture.openedUrls().back(),
             QUrl(QStringLiteral("https://uk01.procore.com/%1/project/rfi").arg(other)));
}

QTEST_MAIN(TestProjectTools)
#include "tst_projecttools.moc"
