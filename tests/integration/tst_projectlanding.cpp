// Deep links land where the eye is (issue 14): the linked project's row is selected, centred
// and focused whatever company, filter or scroll position was showing before, and stays in
// view while a list of 20,000 fills page by page behind it.
#include "links/deeplink.h"
#include "main/bannerwidget.h"
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectlanding.h"
#include "main/projectspage.h"
#include "model/projectcache.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "signedinseed.h"
#include "windowfixture.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QtTest>

class TestProjectLanding final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void linkToOtherCompanyLandsWhileItsListFills();
    void linkAtFirstLaunchLandsInView();

private:
    // The row is the current one, inside the viewport and near its centre, and the
    // table has the keyboard.
    static void verifyLanded(ProjectsPage *page, qint64 id);
    void switchCompany(Session &session, ProjectsPage *page, qint64 companyId);

    static constexpr int projectCount = 20000;
    WindowFixture m_fixture;
};

void TestProjectLanding::initTestCase()
{
    WindowFixture::initTestCase("tst_projectlanding");
}

void TestProjectLanding::init()
{
    QString error;
    QVERIFY2(m_fixture.start(projectCount, {}, &error), qPrintable(error));
}

void TestProjectLanding::cleanup()
{
    m_fixture.stop();
}

void TestProjectLanding::verifyLanded(ProjectsPage *page, qint64 id)
{
    QTableView *table = page->table();
    QCOMPARE(page->selectedProjectId(), id);
    QCOMPARE(page->details()->projectId(), id);
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
    const QRect row = table->visualRect(table->currentIndex());
    const QRect viewport = table->viewport()->rect();
    QVERIFY2(viewport.contains(row), "the row is in view");
    // Scrolling goes by whole rows, so "centred" is within two rows of the middle.
    QVERIFY2(qAbs(row.center().y() - viewport.center().y()) <= 2 * row.height(),
             qPrintable(QStringLiteral("row at y=%1 in a viewport of %2")
                            .arg(row.center().y())
                            .arg(viewport.height())));
    QCOMPARE(QApplication::focusWidget(), table);
}

void TestProjectLanding::switchCompany(Session &session, ProjectsPage *page, qint64 companyId)
{
    auto *company = page->findChild<QComboBox *>();
    QVERIFY(company);
    company->setCurrentIndex(company->findData(companyId));
    emit company->activated(company->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(session.currentCompanyId() == companyId && !session.isLoading() &&
                                 page->table()->model()->rowCount() == projectCount,
                             60000);
}

void TestProjectLanding::linkToOtherCompanyLandsWhileItsListFills()
{
    auto session = m_fixture.makeSession();
    auto window = m_fixture.openWindow(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading() && session->projects()->count() == projectCount,
                             60000);
    const qint64 home = session->currentCompanyId();
    qint64 other = 0;
    for (const Company &company : session->companies()) {
        if (company.id != home && other == 0)
            other = company.id;
    }
    QVERIFY(other != 0);
    // A row far down the other company's list, as the table shows it.
    switchCompany(*session, page, other);
    const QAbstractItemModel *rows = page->table()->model();
    const qint64 id = rows->index(projectCount - 40, 0).data(ProjectListModel::IdRole).toLongLong();
    switchCompany(*session, page, home);
    // No offline copy of the other company: its list arrives page by page after the switch.
    QVERIFY(ProjectCache(m_fixture.cacheDirectory())
                .remove(SignedInSeed::environment(m_fixture.emulator()).key(), other));
    page->table()->scrollToTop();
    QTest::keyClicks(page->searchBox(), QStringLiteral("zzzz-no-match"));
    QTRY_COMPARE(rows->rowCount(), 0);

    window->followLink(DeepLink::fromUrl(
        QStringLiteral("procore-desktop://project/%1?company=%2").arg(id).arg(other)));
    QTRY_VERIFY_WITH_TIMEOUT(session->currentCompanyId() == other && !session->isLoading() &&
                                 session->projects()->count() == projectCount,
                             60000);
    QTRY_COMPARE(page->selectedProjectId(), id);
    QCoreApplication::processEvents(); // the queued re-centring after the last page
    verifyLanded(page, id);
    QVERIFY2(page->searchBox()->text().isEmpty(), "a search hiding the project is cleared");
    QVERIFY2(page->banner()->text().contains(QStringLiteral("search was cleared")),
             qPrintable(page->banner()->text()));
    QVERIFY(WindowFixture::screenshot(window.get(), QStringLiteral("deep-link-landed.png")));
}

void TestProjectLanding::linkAtFirstLaunchLandsInView()
{
    // A row far down the list as the table will sort it, from the offline copy.
    ProjectListModel cached;
    const auto entry =
        ProjectCache(m_fixture.cacheDirectory())
            .load(SignedInSeed::environment(m_fixture.emulator()).key(), m_fixture.companyId());
    QVERIFY(entry);
    cached.setProjects(entry->projects);
    ProjectFilterModel sorted;
    sorted.setSourceModel(&cached);
    const qint64 id =
        sorted.index(projectCount - 25, 0).data(ProjectListModel::IdRole).toLongLong();

    // As main() does it: the session starts, the window is built hidden, the link is handed
    // over, and the window shows once the keychain has answered.
    auto session = m_fixture.makeSession();
    session->start();
    MainWindow window(session.get());
    session->openLink(DeepLink{id, 0});
    ProjectsPage *page = window.projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(session->state() == Session::State::SignedIn, 20000);
    QTRY_COMPARE(page->selectedProjectId(), id);
    window.resize(1280, 800);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading(), 60000);
    QTRY_COMPARE(QApplication::focusWidget(), page->table());
    verifyLanded(page, id);

    // Once the person moves in the table the row is theirs: nothing pulls it back.
    QTest::keyClick(page->table(), Qt::Key_Down);
    QCOMPARE(page->landing()->target(), qint64(0));
    QVERIFY(page->selectedProjectId() != id);
}

QTEST_MAIN(TestProjectLanding)
#include "tst_projectlanding.moc"
