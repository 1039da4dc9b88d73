#include "firstpaintstamp.h"

#include "model/projectlistmodel.h"

#include <QEvent>
#include <QTextStream>
#include <QWidget>

#include <chrono>

FirstPaintStamp::FirstPaintStamp(QWidget *viewport, const ProjectListModel *projects)
    : QObject(viewport)
    , m_projects(projects)
{
    viewport->installEventFilter(this);
}

bool FirstPaintStamp::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_painted && m_projects->count() > 0) {
        m_painted = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                // steady_clock is CLOCK_MONOTONIC on Linux, the clock bench-spawn stamps
                // with; portable where clock_gettime is not.
                const std::chrono::duration<double> now =
                    std::chrono::steady_clock::now().time_since_epoch();
                QTextStream(stdout)
                    << "first-projects-paint " << QString::number(now.count(), 'f', 6) << Qt::endl;
                deleteLater();
            },
            Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}
