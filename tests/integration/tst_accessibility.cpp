// The window by keyboard and screen reader alone (issue 14): Tab visits every control in a
// sensible order, each with an accessible name and description; the project table announces
// its row count; the star's state is told in words; the tools menu and the banner work from
// the keyboard.
#include "main/bannerwidget.h"
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "main/welcomepage.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "windowfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

class TestAccessibility final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tabVisitsEveryControlInOrder();
    void tableAnnouncesItsRowCount();
    void starStateIsSpoken();
    void toolsMenuAndBannerByKeyboard();
    void welcomePageByTab();

private:
    QList<QWidget *> tabWalk(QWidget *start);
    static QString accessible(QWidget *widget, QAccessible::Text text);
    // Each visited control's "class: name" where its name or (for controls) description is
    // missing.
    static QStringList unlabelled(const QList<QWidget *> &visited);

    static constexpr int projectCount = 450;
    WindowFixture m_fixture;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    ProjectsPage *m_page = nullptr;
};

void TestAccessibility::initTestCase()
{
    WindowFixture::initTestCase("tst_accessibility");
}

void TestAccessibility::init()
{
    QString error;
    QVERIFY2(m_fixture.start(projectCount, {}, &error), qPrintable(error));
    m_session = m_fixture.makeSession();
    m_window = m_fixture.openWindow(*m_session);
    QVERIFY(m_window);
    m_page = m_window->projectsPage();
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_session->isLoading() && m_page->table()->model()->rowCount() == projectCount, 20000);
    QTableView *table = m_page->table();
    table->setCurrentIndex(table->model()->index(0, ProjectListModel::NameColumn));
    QTRY_VERIFY(m_page->details()->projectId() != 0);
}

void TestAccessibility::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_fixture.stop();
}

QString TestAccessibility::accessible(QWidget *widget, QAccessible::Text text)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(widget);
    return interface ? interface->text(text) : QString();
}

QStringList TestAccessibility::unlabelled(const QList<QWidget *> &visited)
{
    QStringList missing;
    for (QWidget *widget : visited) {
        const QString what = QString::fromLatin1(widget->metaObject()->className()) +
                             QLatin1String(": ") + accessible(widget, QAccessible::Name);
        // Controls (not selectable text) also say what they do.
        const bool control =
            qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget) ||
            qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget);
        if (accessible(widget, QAccessible::Name).trimmed().isEmpty() ||
            (control && accessible(widget, QAccessible::Description).trimmed().isEmpty()))
            missing << what;
    }
    return missing;
}

QList<QWidget *> TestAccessibility::tabWalk(QWidget *start)
{
    start->setFocus(Qt::TabFocusReason);
    QList<QWidget *> visited;
    if (!QTest::qWaitFor([start] { return QApplication::focusWidget() == start; }, 5000))
        return visited;
    for (int step = 0; step < 80; ++step) {
        QWidget *focused = QApplication::focusWidget();
        if (!focused || (step > 0 && focused == start))
            break;
        visited << focused;
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    return visited;
}

void TestAccessibility::tabVisitsEveryControlInOrder()
{
    const QList<QWidget *> visited = tabWalk(m_page->searchBox());
    QStringList walk;
    for (QWidget *widget : visited)
        walk << QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(':') +
                    accessible(widget, QAccessible::Name);
    qInfo().noquote() << "Tab path:" << walk.join(QLatin1String(" > "));
    QVERIFY2(visited.size() >= 8, qPrintable(walk.join(QLatin1String(" > "))));
    const QStringList missing = unlabelled(visited);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));

    // Search first, then the list, its details, then the account controls.
    auto *details = m_page->details();
    const QList<QWidget *> order = {
        m_page->searchBox(), m_page->findChild<QComboBox *>(QStringLiteral("statusFilter")),
        m_page->table(), details->tabStops().value(0), details->toolsButton()};
    int last = -1;
    for (QWidget *widget : order) {
        QVERIFY(widget);
        const int at = int(visited.indexOf(widget));
        QVERIFY2(at > last, qPrintable(accessible(widget, QAccessible::Name) +
                                       QLatin1String(" at ") + QString::number(at)));
        last = at;
    }
    const auto button = [this](const QString &name) -> QWidget * {
        const QList<QToolButton *> buttons = m_page->findChildren<QToolButton *>();
        for (QToolButton *b : buttons) {
            if (b->text() == name)
                return b;
        }
        return nullptr;
    };
    QVERIFY(visited.indexOf(button(QStringLiteral("Refresh"))) > last);
    QVERIFY(visited.indexOf(button(QStringLiteral("Sign out"))) >
            visited.indexOf(button(QStringLiteral("Refresh"))));
}

void TestAccessibility::tableAnnouncesItsRowCount()
{
    QTableView *table = m_page->table();
    QCOMPARE(accessible(table, QAccessible::Description), QStringLiteral("450 projects"));
    QTest::keyClicks(m_page->searchBox(), QStringLiteral("Harbor"));
    QTRY_VERIFY(table->model()->rowCount() < projectCount);
    const QString expected = QStringLiteral("%1 of 450 projects").arg(table->model()->rowCount());
    QTRY_COMPARE(accessible(table, QAccessible::Description), expected);
    QCOMPARE(m_page->countText(), expected);
}

void TestAccessibility::starStateIsSpoken()
{
    QTableView *table = m_page->table();
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    const QModelIndex current = table->currentIndex();
    const qint64 id = current.data(ProjectListModel::IdRole).toLongLong();
    QAccessibleInterface *view = QAccessible::queryAccessibleInterface(table);
    QVERIFY(view && view->tableInterface());
    const auto cellDescription = [&] {
        const int row = m_page->landing() ? table->currentIndex().row() : current.row();
        QAccessibleInterface *cell =
            view->tableInterface()->cellAt(row, ProjectListModel::NameColumn);
        return cell ? cell->text(QAccessible::Description) : QString();
    };
    QCOMPARE(cellDescription(), QStringLiteral("Not a favourite"));
    QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
    QTRY_VERIFY(m_session->shortlists()->isFavourite(id));
    QTRY_COMPARE(cellDescription(), QStringLiteral("Favourite"));
    QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
    QTRY_COMPARE(cellDescription(), QStringLiteral("Not a favourite"));
}

void TestAccessibility::toolsMenuAndBannerByKeyboard()
{
    // The tools button opens its menu with Space; the menu runs its own loop, so a timer looks
    // at it from inside and closes it with Escape as a person would.
    QToolButton *tools = m_page->details()->toolsButton();
    tools->setFocus();
    QTRY_VERIFY(tools->hasFocus());
    bool menuShown = false;
    QStringList entries;
    QTimer watcher;
    watcher.setInterval(50);
    connect(&watcher, &QTimer::timeout, this, [&] {
        QMenu *menu = tools->menu();
        if (!menu || !menu->isVisible())
            return;
        menuShown = true;
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (!action->isSeparator())
                entries << action->text();
        }
        QTest::keyClick(menu, Qt::Key_Escape);
        watcher.stop();
    });
    watcher.start();
    QTest::keyClick(tools, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(menuShown, 10000);
    QVERIFY(entries.contains(QStringLiteral("Drawings")));
    QTRY_VERIFY(!tools->menu()->isVisible());

    // A notice in the banner: its Hide button is on the Tab path and Space hides it.
    m_window->showNotice(ProcoreError(ProcoreError::Kind::Config, QStringLiteral("A notice")));
    BannerWidget *banner = m_page->banner();
    QTRY_VERIFY(banner->isVisible());
    QAbstractButton *hide = nullptr;
    const QList<QAbstractButton *> buttons = banner->findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons) {
        if (accessible(button, QAccessible::Name) == QStringLiteral("Hide message"))
            hide = button;
    }
    QVERIFY(hide);
    const QList<QWidget *> walk = tabWalk(m_page->searchBox());
    QStringList names;
    for (QWidget *w : walk)
        names << accessible(w, QAccessible::Name);
    QVERIFY2(walk.contains(hide), qPrintable(names.join(QLatin1String(" | "))));
    hide->setFocus();
    QTRY_VERIFY(hide->hasFocus());
    QTest::keyClick(hide, Qt::Key_Space);
    QTRY_VERIFY(!banner->isVisible());
}

void TestAccessibility::welcomePageByTab()
{
    QSignalSpy signedOut(m_session.get(), &Session::signedOut);
    m_window->signOut();
    QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 20000);
    QTRY_VERIFY(!m_window->showsProjects());
    QPushButton *signIn = m_window->welcomePage()->signInButton();
    QTRY_VERIFY(signIn->isVisible() && signIn->isEnabled());
    const QList<QWidget *> visited = tabWalk(signIn);
    QVERIFY(visited.size() >= 2); // Sign in, then "with your browser instead"
    QCOMPARE(visited.constFirst(), signIn);
    const QStringList missing = unlabelled(visited);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
