// The drawings window (issue 15) on the real window, session and emulator: a project's sheets
// by area and search, "Keep offline" with its estimate and progress, the badge on the project,
// and the viewer opening a stored sheet with the emulator stopped; a copy older than Procore's
// revision says so, a sheet not stored says how to get it.
#include "drawings/drawingsheetmodel.h"
#include "drawings/offlinedrawings.h"
#include "main/drawingslauncher.h"
#include "main/drawingspanel.h"
#include "main/drawingswindow.h"
#include "main/drawingviewer.h"
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "windowfixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPdfDocument>
#include <QPdfView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

class TestDrawingsWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void keepOfflineThenViewWithoutNetwork();
    void olderCopySaysSo();
    void keptProjectUpdatesItself();
    void sheetNotStoredSaysHowToGetIt();

private:
    bool open();
    DrawingsWindow *openDrawings(int row);
    bool keepOffline(DrawingsWindow *window);
    void activate(DrawingsWindow *window, int viewRow);

    static constexpr int projectCount = 20;
    static constexpr int sheets = 12;
    WindowFixture m_fixture;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestDrawingsWindow::initTestCase()
{
    WindowFixture::initTestCase("tst_drawingswindow");
}

void TestDrawingsWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_fixture.stop();
}

bool TestDrawingsWindow::open()
{
    QString error;
    if (!m_fixture.start(projectCount,
                         {QStringLiteral("--drawing-sheets"), QString::number(sheets)}, &error)) {
        qWarning() << error;
        return false;
    }
    m_session = m_fixture.makeSession();
    m_window = m_fixture.openWindow(*m_session);
    return m_window &&
           QTest::qWaitFor(
               [this] {
                   return !m_session->isLoading() &&
                          m_window->projectsPage()->table()->model()->rowCount() == projectCount;
               },
               20000);
}

DrawingsWindow *TestDrawingsWindow::openDrawings(int row)
{
    QTableView *table = m_window->projectsPage()->table();
    table->setCurrentIndex(table->model()->index(row, 1));
    QPushButton *button = m_window->projectsPage()->findChild<ProjectDetails *>()->drawingsButton();
    if (!button->isVisible())
        return nullptr;
    const qint64 id = table->model()->index(row, 0).data(ProjectListModel::IdRole).toLongLong();
    QTest::mouseClick(button, Qt::LeftButton);
    DrawingsWindow *window = m_window->drawings()->window(id);
    if (!window)
        return nullptr;
    QSignalSpy shown(window, &DrawingsWindow::sheetsShown);
    if (window->model()->rowCount() == 0 && !shown.wait(15000))
        return nullptr;
    return window;
}

bool TestDrawingsWindow::keepOffline(DrawingsWindow *window)
{
    QSignalSpy finished(m_session->drawings(), &OfflineDrawings::syncFinished);
    QCheckBox *keep = window->panel()->keepOffline();
    // On the box itself: the check box may be wider than its box and label.
    QTest::mouseClick(keep, Qt::LeftButton, {}, QPoint(8, keep->height() / 2));
    return keep->isChecked() && finished.wait(30000);
}

void TestDrawingsWindow::activate(DrawingsWindow *window, int viewRow)
{
    QTableView *table = window->panel()->table();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(viewRow, 0));
    QTest::keyClick(table, Qt::Key_Return);
}

void TestDrawingsWindow::keepOfflineThenViewWithoutNetwork()
{
    QVERIFY(open());
    DrawingsWindow *window = openDrawings(0);
    QVERIFY(window);
    DrawingsPanel *panel = window->panel();
    QCOMPARE(window->model()->rowCount(), sheets);
    QVERIFY2(panel->status().contains(QStringLiteral("about")), qPrintable(panel->status()));
    // Areas, then a search by sheet number or title.
    QCOMPARE(panel->areaChoice()->count(), 4);
    panel->areaChoice()->setCurrentIndex(1);
    QCOMPARE(panel->viewRowCount(), sheets / 3);
    panel->areaChoice()->setCurrentIndex(0);
    const QString number = window->model()->sheetAt(5).number;
    QTest::keyClicks(panel->search(), number);
    QCOMPARE(panel->viewRowCount(), 1);
    panel->search()->clear();
    QCOMPARE(panel->viewRowCount(), sheets);

    QVERIFY(keepOffline(window));
    QVERIFY(panel->keepOffline()->isChecked());
    QVERIFY2(panel->status().startsWith(QStringLiteral("Kept offline: %1 sheets").arg(sheets)),
             qPrintable(panel->status()));
    // The badge on the project's row, and its spoken description.
    const QModelIndex nameCell = m_window->projectsPage()->table()->model()->index(0, 0);
    QVERIFY(nameCell.data(ProjectListModel::KeptOfflineRole).toBool());
    QVERIFY(nameCell.data(Qt::AccessibleDescriptionRole)
                .toString()
                .contains(QStringLiteral("Drawings kept offline")));
    QVERIFY(WindowFixture::screenshot(window, QStringLiteral("drawings.png")));

    // No network at all from here on.
    m_fixture.emulator().stop();
    activate(window, 0);
    DrawingViewer *viewer = window->viewer();
    QTRY_COMPARE(viewer->document()->status(), QPdfDocument::Status::Ready);
    QVERIFY(viewer->document()->pageCount() >= 1);
    QVERIFY(viewer->notice().isEmpty());
    const QString first = viewer->title();
    QVERIFY(first.startsWith(window->panel()->table()->model()->index(0, 0).data().toString()));
    viewer->nextRequested();
    QVERIFY(viewer->title() != first);
    viewer->zoomIn();
    QCOMPARE(viewer->view()->zoomMode(), QPdfView::ZoomMode::Custom);
    const qreal zoomed = viewer->view()->zoomFactor();
    viewer->zoomIn();
    QVERIFY(viewer->view()->zoomFactor() > zoomed);
    viewer->fitWidth();
    QCOMPARE(viewer->view()->zoomMode(), QPdfView::ZoomMode::FitToWidth);
    viewer->fitPage();
    // The sheet is painted (pages render in the background): some pixels of the view are dark,
    // the title block's text and the line work.
    const auto darkPixels = [viewer] {
        const QImage shot = viewer->view()->viewport()->grab().toImage();
        int dark = 0;
        for (int y = 0; y < shot.height(); y += 4)
            for (int x = 0; x < shot.width(); x += 4)
                dark += qGray(shot.pixel(x, y)) < 100;
        return dark;
    };
    QTRY_VERIFY_WITH_TIMEOUT(darkPixels() > 20, 15000);
    QVERIFY(WindowFixture::screenshot(window, QStringLiteral("drawing-viewer.png")));
}

void TestDrawingsWindow::olderCopySaysSo()
{
    QVERIFY(open());
    DrawingsWindow *window = openDrawings(1);
    QVERIFY(window);
    QVERIFY(keepOffline(window));
    window->setAutoUpdate(false);
    const qint64 projectId = window->projectId();
    int status = 0;
    m_fixture.emulator().control(
        "POST", QStringLiteral("drawings/revise"),
        QJsonDocument(
            QJsonObject{{QStringLiteral("project_id"), projectId}, {QStringLiteral("count"), 1}})
            .toJson(),
        &status);
    QCOMPARE(status, 200);
    QSignalSpy shown(window, &DrawingsWindow::sheetsShown);
    window->reload();
    QVERIFY(shown.wait(15000));
    int outdatedRow = -1;
    for (int row = 0; row < window->model()->rowCount(); ++row) {
        if (window->model()->sheetAt(row).copy == DrawingSheetModel::Copy::Outdated)
            outdatedRow = row;
    }
    QVERIFY(outdatedRow >= 0);
    QVERIFY2(window->panel()->status().contains(QStringLiteral("1 sheet changed")),
             qPrintable(window->panel()->status()));
    window->openSheet(window->model()->sheetAt(outdatedRow).drawingId);
    QVERIFY2(window->viewer()->notice().contains(QStringLiteral("newer revision")),
             qPrintable(window->viewer()->notice()));
    QCOMPARE(window->viewer()->document()->status(), QPdfDocument::Status::Ready);
}

void TestDrawingsWindow::keptProjectUpdatesItself()
{
    QVERIFY(open());
    DrawingsWindow *window = openDrawings(3);
    QVERIFY(window);
    QVERIFY(keepOffline(window));
    int status = 0;
    m_fixture.emulator().control(
        "POST", QStringLiteral("drawings/revise"),
        QJsonDocument(QJsonObject{{QStringLiteral("project_id"), window->projectId()},
                                  {QStringLiteral("count"), 2}})
            .toJson(),
        &status);
    QCOMPARE(status, 200);
    QVERIFY(m_fixture.emulator().resetCounters());
    QSignalSpy finished(m_session->drawings(), &OfflineDrawings::syncFinished);
    window->reload();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(1).value<DrawingSync::Summary>().downloaded, 2);
    QCOMPARE(finished.at(0).at(1).value<DrawingSync::Summary>().unchanged, sheets - 2);
    QTRY_VERIFY(window->panel()->status().startsWith(QStringLiteral("Kept offline")));
    for (int row = 0; row < window->model()->rowCount(); ++row)
        QVERIFY(window->model()->sheetAt(row).copy == DrawingSheetModel::Copy::Current);
}

void TestDrawingsWindow::sheetNotStoredSaysHowToGetIt()
{
    QVERIFY(open());
    DrawingsWindow *window = openDrawings(2);
    QVERIFY(window);
    QVERIFY(!window->panel()->keepOffline()->isChecked());
    activate(window, 0);
    QVERIFY2(window->viewer()->notice().contains(QStringLiteral("Keep offline")),
             qPrintable(window->viewer()->notice()));
    QCOMPARE(window->viewer()->document()->status(), QPdfDocument::Status::Null);
}

QTEST_MAIN(TestDrawingsWindow)
#include "tst_drawingswindow.moc"
