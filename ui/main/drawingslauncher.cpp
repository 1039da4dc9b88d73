#include "drawingslauncher.h"

#include "drawingswindow.h"

#include "drawings/offlinedrawings.h"
#include "model/projectlistmodel.h"

#include <QWidget>

DrawingsLauncher::DrawingsLauncher(OfflineDrawings *drawings, ProjectListModel *projects,
                                   QWidget *parent)
    : QObject(parent)
    , m_drawings(drawings)
    , m_parent(parent)
{
    projects->setOfflineCheck([drawings](qint64 id) { return drawings->isKept(id); });
    connect(drawings, &OfflineDrawings::keptChanged, projects, &ProjectListModel::offlineChanged);
}

DrawingsLauncher::~DrawingsLauncher()
{
    closeAll();
}

DrawingsWindow *DrawingsLauncher::window(qint64 projectId) const
{
    return m_windows.value(projectId);
}

DrawingsWindow *DrawingsLauncher::open(qint64 projectId, const QString &projectName)
{
    DrawingsWindow *window = m_windows.value(projectId);
    if (!window) {
        // A window of its own (not a child of the main window's layout), owned by the app's
        // main window so it closes with it.
        window = new DrawingsWindow(m_drawings, projectId, projectName, m_parent);
        window->setWindowFlag(Qt::Window);
        m_windows.insert(projectId, window);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void DrawingsLauncher::closeAll()
{
    for (const QPointer<DrawingsWindow> &window : std::as_const(m_windows)) {
        if (window)
            window->close();
    }
    m_windows.clear();
}
