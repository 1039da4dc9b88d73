#pragma once

#include "common/procoreerror.h"
#include "model/drawing.h"

#include <QList>
#include <QObject>
#include <QPointer>

class ApiClient;
class DrawingListJob;

// A project's current drawing set as Procore lists it: the areas, then every area's sheets
// (up to three areas at a time). Finishes exactly once, then deletes itself.
class ProjectDrawingsJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectDrawingsJob)
public:
    ProjectDrawingsJob(ApiClient *api, qint64 companyId, const QString &companyName,
                       qint64 projectId, QObject *parent = nullptr);
    ~ProjectDrawingsJob() override;

    void start();
    void cancel();
    qint64 projectId() const { return m_projectId; }
    QList<DrawingArea> areas() const { return m_areas; }
    // In area order, each area's sheets in Procore's order.
    QList<Drawing> drawings() const;

signals:
    void finished(const ProcoreError &error);

private:
    void listNextAreas();
    void finish(const ProcoreError &error);

    ApiClient *m_api;
    qint64 m_companyId;
    QString m_companyName;
    qint64 m_projectId;
    QList<DrawingArea> m_areas;
    QList<QList<Drawing>> m_perArea;
    QList<QPointer<DrawingListJob>> m_jobs;
    int m_nextArea = 0;
    int m_running = 0;
    bool m_finished = false;
};
