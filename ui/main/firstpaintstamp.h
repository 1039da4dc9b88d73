#pragma once

#include <QObject>

class ProjectListModel;
class QWidget;

// For bench/ (PROCORE_BENCH_TIMESTAMPS): prints "first-projects-paint <CLOCK_MONOTONIC s>"
// once the project table has painted rows, from the event-loop turn after that paint, so the
// frame has been flushed too. A timestamp taken when the rows arrive would come before the
// paint: Qt posts the repaint at low priority, behind every queued call. Deletes itself after.
class FirstPaintStamp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintStamp)
public:
    FirstPaintStamp(QWidget *viewport, const ProjectListModel *projects);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const ProjectListModel *m_projects;
    bool m_painted = false;
};
