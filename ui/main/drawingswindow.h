#pragma once

#include "common/procoreerror.h"
#include "drawings/drawingsync.h"

#include <QMainWindow>

class DrawingSheetModel;
class DrawingViewer;
class DrawingsPanel;
class OfflineDrawings;

// One project's drawings: the sheets on the left (Procore's current list, or what is kept on
// this computer when offline), the chosen sheet on the right. "Keep offline" downloads the set
// in the background; a sheet opens from its stored file, so the viewer needs no network.
class DrawingsWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingsWindow)
public:
    // `drawings` is not owned and must outlive the window.
    DrawingsWindow(OfflineDrawings *drawings, qint64 projectId, const QString &projectName,
                   QWidget *parent = nullptr);
    ~DrawingsWindow() override;

    qint64 projectId() const { return m_projectId; }
    DrawingsPanel *panel() const { return m_panel; }
    DrawingViewer *viewer() const { return m_viewer; }
    DrawingSheetModel *model() const { return m_model; }
    // Lists the sheets again (Procore's list, or the stored set when that fails).
    void reload();
    void openSheet(qint64 drawingId);
    // A project kept offline is brought up to date when Procore's list shows changed or missing
    // sheets (only those are fetched). On by default; the tests of the outdated state turn it off.
    void setAutoUpdate(bool on) { m_autoUpdate = on; }

signals:
    // The list (or the stored set) is on screen.
    void sheetsShown();

private:
    void onListed(qint64 projectId, const QList<DrawingArea> &areas, const QList<Drawing> &drawings,
                  const ProcoreError &error);
    void onKeepToggled(bool keep);
    void onSyncFinished(qint64 projectId, const DrawingSync::Summary &summary,
                        const ProcoreError &error);
    void step(int delta);
    void showStoredStatus();

    OfflineDrawings *m_drawings;
    qint64 m_projectId;
    QString m_projectName;
    DrawingSheetModel *m_model;
    DrawingsPanel *m_panel;
    DrawingViewer *m_viewer;
    bool m_online = false;
    bool m_autoUpdate = true;
};
