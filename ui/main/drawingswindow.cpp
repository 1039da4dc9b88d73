#include "drawingswindow.h"

#include "drawingspanel.h"
#include "drawingviewer.h"

#include "drawings/drawingsheetmodel.h"
#include "drawings/offlinedrawings.h"

#include <QLocale>
#include <QSplitter>
#include <QTableView>

namespace {
QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

DrawingsWindow::DrawingsWindow(OfflineDrawings *drawings, qint64 projectId,
                               const QString &projectName, QWidget *parent)
    : QMainWindow(parent)
    , m_drawings(drawings)
    , m_projectId(projectId)
    , m_projectName(projectName)
    , m_model(new DrawingSheetModel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Drawings — %1").arg(projectName));
    auto *splitter = new QSplitter(this);
    m_panel = new DrawingsPanel(m_model, splitter);
    m_viewer = new DrawingViewer(splitter);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);
    resize(1280, 800);
    splitter->setSizes({480, 800});

    connect(m_panel, &DrawingsPanel::sheetActivated, this, &DrawingsWindow::openSheet);
    connect(m_panel, &DrawingsPanel::keepOfflineToggled, this, &DrawingsWindow::onKeepToggled);
    connect(m_panel, &DrawingsPanel::cancelRequested, this,
            [this] { m_drawings->cancelSync(m_projectId); });
    connect(m_viewer, &DrawingViewer::previousRequested, this, [this] { step(-1); });
    connect(m_viewer, &DrawingViewer::nextRequested, this, [this] { step(1); });
    connect(m_drawings, &OfflineDrawings::listed, this, &DrawingsWindow::onListed);
    connect(m_drawings, &OfflineDrawings::syncPlanned, this,
            [this](qint64 projectId, int sheets, qint64 bytes) {
                if (projectId == m_projectId)
                    m_panel->setStatus(tr("Downloading %n sheet(s), about %1…", nullptr, sheets)
                                           .arg(bytesText(bytes)));
            });
    connect(m_drawings, &OfflineDrawings::syncProgress, this,
            [this](qint64 projectId, qint64 done, qint64 total) {
                if (projectId == m_projectId)
                    m_panel->setProgress(done, total);
            });
    connect(m_drawings, &OfflineDrawings::syncFinished, this, &DrawingsWindow::onSyncFinished);
    m_panel->setKeepOffline(m_drawings->isKept(projectId));
    m_panel->setSyncing(m_drawings->isSyncing(projectId));
    m_viewer->clear();
    m_viewer->setCaption(tr("Choose a sheet."));
    m_viewer->setNavigation(false, false);
    reload();
}

DrawingsWindow::~DrawingsWindow() = default;

void DrawingsWindow::reload()
{
    // What is stored shows at once; Procore's list replaces it when it comes.
    if (const auto stored = m_drawings->stored(m_projectId)) {
        m_model->setStored(*stored);
        showStoredStatus();
    } else {
        m_panel->setStatus(tr("Loading the drawing list…"));
    }
    m_drawings->list(m_projectId);
}

void DrawingsWindow::onListed(qint64 projectId, const QList<DrawingArea> &areas,
                              const QList<Drawing> &drawings, const ProcoreError &error)
{
    if (projectId != m_projectId)
        return;
    m_online = !error;
    if (error) {
        const auto stored = m_drawings->stored(m_projectId);
        m_panel->setStatus(stored ? tr("Offline — showing the %n sheet(s) kept on this computer. "
                                       "%1",
                                       nullptr, int(stored->sheets.size()))
                                        .arg(error.message)
                                  : tr("The drawing list cannot be loaded. %1").arg(error.message));
        emit sheetsShown();
        return;
    }
    const qint64 chosen = m_panel->currentDrawing();
    m_model->setListed(areas, drawings, m_drawings->stored(m_projectId));
    if (chosen)
        m_panel->selectDrawing(chosen);
    if (m_drawings->isKept(m_projectId)) {
        showStoredStatus();
        bool behind = false;
        for (int row = 0; row < m_model->rowCount() && !behind; ++row)
            behind = m_model->sheetAt(row).copy != DrawingSheetModel::Copy::Current;
        if (behind && m_autoUpdate && !m_drawings->isSyncing(m_projectId)) {
            m_panel->setSyncing(true);
            m_drawings->sync(m_projectId, m_projectName);
        }
    } else
        m_panel->setStatus(drawings.isEmpty()
                               ? tr("This project has no drawings in Procore.")
                               : tr("%n sheet(s). Keeping them offline takes about %1.", nullptr,
                                    int(drawings.size()))
                                     .arg(bytesText(m_model->estimatedBytes())));
    emit sheetsShown();
}

void DrawingsWindow::showStoredStatus()
{
    const auto stored = m_drawings->stored(m_projectId);
    if (!stored)
        return;
    int outdated = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        outdated += m_model->sheetAt(row).copy == DrawingSheetModel::Copy::Outdated;
    QString text =
        tr("Kept offline: %n sheet(s), synced %1.", nullptr, int(stored->sheets.size()))
            .arg(QLocale().toString(stored->syncedAt.toLocalTime(), QLocale::ShortFormat));
    if (outdated > 0)
        text += QLatin1Char(' ') + tr("%n sheet(s) changed in Procore since.", nullptr, outdated);
    m_panel->setStatus(text);
}

void DrawingsWindow::onKeepToggled(bool keep)
{
    if (keep) {
        m_panel->setSyncing(true);
        m_panel->setStatus(tr("Listing the drawings…"));
        m_drawings->sync(m_projectId, m_projectName);
    } else {
        m_drawings->removeOffline(m_projectId);
        m_panel->setSyncing(false);
        reload();
    }
}

void DrawingsWindow::onSyncFinished(qint64 projectId, const DrawingSync::Summary &summary,
                                    const ProcoreError &error)
{
    if (projectId != m_projectId)
        return;
    m_panel->setSyncing(false);
    m_panel->setKeepOffline(m_drawings->isKept(m_projectId));
    reload();
    if (error.kind == ProcoreError::Kind::Cancelled)
        m_panel->setStatus(tr("Stopped with %n sheet(s) on this computer; keep offline again to "
                              "download the rest.",
                              nullptr, summary.sheets));
    else if (error)
        m_panel->setStatus(tr("%n sheet(s) could not be downloaded. %1", nullptr, summary.failed)
                               .arg(error.message));
}

void DrawingsWindow::openSheet(qint64 drawingId)
{
    const int row = m_model->rowOf(drawingId);
    if (row < 0)
        return;
    const DrawingSheetModel::Sheet &sheet = m_model->sheetAt(row);
    m_panel->selectDrawing(drawingId);
    const int viewRow = m_panel->viewRowOf(drawingId);
    m_viewer->setNavigation(viewRow > 0, viewRow >= 0 && viewRow + 1 < m_panel->viewRowCount());
    const QString title = sheet.title.isEmpty()
                              ? sheet.number
                              : QStringLiteral("%1 — %2").arg(sheet.number, sheet.title);
    const QString file = m_drawings->sheetFile(m_projectId, drawingId);
    if (file.isEmpty()) {
        m_viewer->clear(tr("%1 is not on this computer. Turn on \"Keep offline\" to download "
                           "the project's drawings.")
                            .arg(sheet.number));
        return;
    }
    if (!m_viewer->open(file, title))
        return;
    m_drawings->markViewed(m_projectId, drawingId);
    m_viewer->setNotice(sheet.copy == DrawingSheetModel::Copy::Outdated
                            ? tr("Procore has a newer revision of this sheet (%1); this copy is "
                                 "revision %2. Keep offline again to update it.")
                                  .arg(sheet.revision, sheet.storedRevision)
                            : QString());
}

void DrawingsWindow::step(int delta)
{
    const int row = m_panel->viewRowOf(m_panel->currentDrawing()) + delta;
    if (row >= 0 && row < m_panel->viewRowCount())
        openSheet(m_panel->drawingAt(row));
}
