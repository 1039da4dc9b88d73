// Favourites in the window (issue 14): a star per row (click or Ctrl+D), the "Favourites"
// group above the table, Ctrl+1 … Ctrl+9, the lists kept per company and through a sign-out
// unless the person asks to forget them, and a favourite that left the list shown greyed.
#include "main/favouritestardelegate.h"
#include "main/mainwindow.h"
#include "main/projectspage.h"
#include "main/shortlistpane.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "signedinseed.h"
#include "windowfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

class TestFavourites final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void starByClickAndKeyboard();
    void favouritesFollowCompanyAndSurviveSignOut();
    void missingFavouriteIsGreyed();
    void recentProjectsListTheLastOpened();

private:
    std::unique_ptr<MainWindow> openLoaded(Session &session);
    static qint64 idAtRow(ProjectsPage *page, int row);
    static void clickStar(ProjectsPage *page, int row);
    // Signs out through the button and its dialog, ticking "forget" when asked to.
    static void signOutByButton(MainWindow *window, bool forget);

    static constexpr int projectCount = 450;
    WindowFixture m_fixture;
};

void TestFavourites::initTestCase()
{
    WindowFixture::initTestCase("tst_favourites");
}

void TestFavourites::init()
{
    QString error;
    QVERIFY2(m_fixture.start(projectCount, {}, &error), qPrintable(error));
}

void TestFavourites::cleanup()
{
    m_fixture.stop();
}

std::unique_ptr<MainWindow> TestFavourites::openLoaded(Session &session)
{
    auto window = m_fixture.openWindow(session);
    if (!window)
        return nullptr; // never became active: the caller's QVERIFY says so
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(!session.isLoading() &&
                                     window->projectsPage()->table()->model()->rowCount() ==
                                         projectCount,
                                 20000);
    }();
    return window;
}

qint64 TestFavourites::idAtRow(ProjectsPage *page, int row)
{
    return page->table()->model()->index(row, 0).data(ProjectListModel::IdRole).toLongLong();
}

void TestFavourites::clickStar(ProjectsPage *page, int row)
{
    QTableView *table = page->table();
    const QRect cell = table->visualRect(table->model()->index(row, ProjectListModel::NameColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      FavouriteStarDelegate::starRect(cell).center());
}

void TestFavourites::signOutByButton(MainWindow *window, bool forget)
{
    bool answered = false;
    QTimer::singleShot(0, window, [&answered, forget] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY(box->checkBox());
        QVERIFY(!box->checkBox()->isChecked()); // kept unless asked
        box->checkBox()->setChecked(forget);
        box->button(QMessageBox::Yes)->click();
        answered = true;
    });
    QToolButton *button = nullptr;
    for (QToolButton *candidate : window->projectsPage()->findChildren<QToolButton *>()) {
        if (candidate->text() == QStringLiteral("Sign out"))
            button = candidate;
    }
    QVERIFY(button);
    button->click();
    QVERIFY(answered);
}

void TestFavourites::starByClickAndKeyboard()
{
    auto session = m_fixture.makeSession();
    auto window = openLoaded(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    ProjectShortlists *lists = session->shortlists();
    QVERIFY(!page->shortlistPane()->isVisible());

    const qint64 clicked = idAtRow(page, 3);
    clickStar(page, 3);
    QVERIFY(lists->isFavourite(clicked));
    const qint64 keyed = idAtRow(page, 40);
    QVERIFY(page->focusProject(keyed));
    QTest::keyClick(page->table(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(lists->favourites(), (QList<qint64>{clicked, keyed}));
    const qint64 third = idAtRow(page, 7);
    clickStar(page, 7);
    clickStar(page, 7); // a second click takes the star away
    QVERIFY(!lists->isFavourite(third));

    QTRY_VERIFY(page->shortlistPane()->isVisible());
    const int row = session->projects()->indexOfProject(keyed);
    QCOMPARE(
        page->shortlistPane()->entries(QStringLiteral("Favourites")),
        (QStringList{
            session->projects()->projectAt(session->projects()->indexOfProject(clicked)).title(),
            session->projects()->projectAt(row).title()}));

    // Ctrl+2 lands on the second favourite wherever the table was, Ctrl+1 on the first.
    page->table()->scrollToBottom();
    QVERIFY(page->focusProject(idAtRow(page, projectCount - 1)));
    QTest::keyClick(page->table(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(page->selectedProjectId(), keyed);
    QTest::keyClick(page->table(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(page->selectedProjectId(), clicked);
    QTest::keyClick(page->table(), Qt::Key_9, Qt::ControlModifier); // no ninth: nothing moves
    QCOMPARE(page->selectedProjectId(), clicked);
    QVERIFY(WindowFixture::screenshot(window.get(), QStringLiteral("favourites.png")));
}

void TestFavourites::favouritesFollowCompanyAndSurviveSignOut()
{
    auto session = m_fixture.makeSession();
    auto window = openLoaded(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    const qint64 favourite = idAtRow(page, 10);
    clickStar(page, 10);
    QCOMPARE(session->shortlists()->favourites(), QList<qint64>{favourite});

    // Another company has its own (empty) favourites; coming back finds them again.
    const qint64 home = session->currentCompanyId();
    auto *company = page->findChild<QComboBox *>();
    const int other = company->currentIndex() == 0 ? 1 : 0;
    company->setCurrentIndex(other);
    emit company->activated(other);
    QTRY_VERIFY(session->currentCompanyId() != home);
    QVERIFY(session->shortlists()->favourites().isEmpty());
    company->setCurrentIndex(company->findData(home));
    emit company->activated(company->currentIndex());
    QTRY_COMPARE(session->shortlists()->favourites(), QList<qint64>{favourite});
    QTRY_VERIFY_WITH_TIMEOUT(!session->isLoading(), 20000);

    // Signed out keeping them: the same user finds them at the next sign-in.
    signOutByButton(window.get(), false);
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    QVERIFY(session->shortlists()->favourites().isEmpty()); // nobody's lists while signed out
    window.reset();
    session.reset();
    QString error;
    QVERIFY2(m_fixture.signInAgain(projectCount, &error), qPrintable(error));
    session = m_fixture.makeSession();
    window = openLoaded(*session);
    QVERIFY(window);
    QTRY_COMPARE(session->shortlists()->favourites(), QList<qint64>{favourite});
    QTRY_VERIFY(window->projectsPage()->shortlistPane()->isVisible());

    // Signed out asking to forget them: gone at the next sign-in.
    signOutByButton(window.get(), true);
    QTRY_COMPARE(session->state(), Session::State::SignedOut);
    window.reset();
    session.reset();
    QVERIFY2(m_fixture.signInAgain(projectCount, &error), qPrintable(error));
    session = m_fixture.makeSession();
    window = openLoaded(*session);
    QVERIFY(window);
    QVERIFY(session->shortlists()->hasScope());
    QVERIFY(session->shortlists()->favourites().isEmpty());
    QVERIFY(!window->projectsPage()->shortlistPane()->isVisible());
}

void TestFavourites::missingFavouriteIsGreyed()
{
    auto session = m_fixture.makeSession();
    auto window = openLoaded(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    const qint64 gone = 987654321; // not among the emulator's projects
    QCOMPARE(session->projects()->indexOfProject(gone), -1);
    session->shortlists()->setFavourite(gone, true);
    const QStringList entries = page->shortlistPane()->entries(QStringLiteral("Favourites"));
    QCOMPARE(entries.size(), 1);
    QVERIFY2(entries.front().contains(QStringLiteral("no longer available")),
             qPrintable(entries.front()));
    QTreeWidgetItem *item = page->shortlistPane()->topLevelItem(0)->child(0);
    QVERIFY(!(item->flags() & Qt::ItemIsEnabled));
    // Choosing it does nothing.
    const qint64 before = page->selectedProjectId();
    emit page->shortlistPane()->itemActivated(item, 0);
    QCOMPARE(page->selectedProjectId(), before);
    QTest::keyClick(page->table(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(page->selectedProjectId(), before);
}

void TestFavourites::recentProjectsListTheLastOpened()
{
    auto session = m_fixture.makeSession();
    auto window = openLoaded(*session);
    QVERIFY(window);
    ProjectsPage *page = window->projectsPage();
    const ProjectListModel *projects = session->projects();
    const auto title = [projects](qint64 id) {
        return projects->projectAt(projects->indexOfProject(id)).title();
    };
    // Enter, a double-click and a deep link each open a project.
    const qint64 entered = idAtRow(page, 2);
    QVERIFY(page->focusProject(entered));
    QTest::keyClick(page->table(), Qt::Key_Return);
    const qint64 doubleClicked = idAtRow(page, 5);
    const QRect cell =
        page->table()->visualRect(page->table()->model()->index(5, ProjectListModel::NumberColumn));
    QTest::mouseClick(page->table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(page->table()->viewport(), Qt::LeftButton, {}, cell.center());
    const qint64 linked = idAtRow(page, 300);
    window->followLink(DeepLink::fromIds(QString::number(linked)));
    QTRY_COMPARE(page->selectedProjectId(), linked);
    QCOMPARE(m_fixture.openedUrls().size(), 2);
    QCOMPARE(session->shortlists()->recent(), (QList<qint64>{linked, doubleClicked, entered}));
    QCOMPARE(page->shortlistPane()->entries(QStringLiteral("Recent projects")),
             (QStringList{title(linked), title(doubleClicked), title(entered)}));
    QVERIFY(page->shortlistPane()->entries(QStringLiteral("Favourites")).isEmpty());

    // Choosing a recent entry lands on its row (and does not reorder the list).
    QTreeWidgetItem *group = page->shortlistPane()->topLevelItem(0);
    QCOMPARE(group->text(0), QStringLiteral("Recent projects"));
    const QRect entry = page->shortlistPane()->visualItemRect(group->child(2));
    QTest::mouseClick(page->shortlistPane()->viewport(), Qt::LeftButton, {}, entry.center());
    QCOMPARE(page->selectedProjectId(), entered);
    QCOMPARE(QApplication::focusWidget(), page->table());
    QCOMPARE(session->shortlists()->recent().front(), linked);

    // Favourites come first, the recent group under them; both survive a new window.
    clickStar(page, 9);
    window.reset();
    session.reset();
    auto again = m_fixture.makeSession();
    auto next = openLoaded(*again);
    QVERIFY(next);
    QTRY_COMPARE(next->projectsPage()->shortlistPane()->topLevelItemCount(), 2);
    QCOMPARE(next->projectsPage()->shortlistPane()->topLevelItem(0)->text(0),
             QStringLiteral("Favourites"));
    QCOMPARE(again->shortlists()->recent(), (QList<qint64>{linked, doubleClicked, entered}));
    QVERIFY(WindowFixture::screenshot(next.get(), QStringLiteral("recent-projects.png")));
}

QTEST_MAIN(TestFavourites)
#include "tst_favourites.moc"
