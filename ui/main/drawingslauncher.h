#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class DrawingsWindow;
class OfflineDrawings;
class ProjectListModel;
class QWidget;

// The main window's way to drawings: one DrawingsWindow per project (raised when already
// open), and the "Offline" badge of the projects whose drawings are kept.
class DrawingsLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingsLauncher)
public:
    // Neither is owned; both must outlive the launcher.
    DrawingsLauncher(OfflineDrawings *drawings, ProjectListModel *projects, QWidget *parent);
    ~DrawingsLauncher() override;

    DrawingsWindow *window(qint64 projectId) const;

public slots:
    DrawingsWindow *open(qint64 projectId, const QString &projectName);
    void closeAll();

private:
    OfflineDrawings *m_drawings;
    QWidget *m_parent;
    QHash<qint64, QPointer<DrawingsWindow>> m_windows;
};
