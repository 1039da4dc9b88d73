#pragma once

#include "apijob.h"

#include "model/drawing.h"

#include <QList>
#include <QSet>

// A project's drawing areas (GET /rest/v1.1/projects/{id}/drawing_areas) or an area's current
// sheets (GET /rest/v1.1/drawing_areas/{id}/drawings), every page of them, with the company's
// header. The next page's URL is built here on the API host, never taken from the Link header.
class DrawingListJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingListJob)
public:
    enum class Kind { Areas, Drawings };
    ~DrawingListJob() override;

    Kind kind() const { return m_kind; }
    qint64 projectId() const { return m_projectId; }
    qint64 areaId() const { return m_areaId; }
    QList<DrawingArea> areas() const { return m_areas; }
    QList<Drawing> drawings() const { return m_drawings; }

protected:
    ProcoreError parseBody(const QByteArray &body) override;
    QUrl nextUrl() const override;

private:
    friend class ApiClient;
    DrawingListJob(ApiClient *client, Kind kind, qint64 companyId, const QString &companyName,
                   qint64 projectId, qint64 areaId);
    static QUrl pageUrl(ApiClient *client, Kind kind, qint64 projectId, qint64 areaId, int page);

    Kind m_kind;
    qint64 m_projectId;
    qint64 m_areaId;
    QList<DrawingArea> m_areas;
    QList<Drawing> m_drawings;
    QSet<qint64> m_seen;
    int m_page = 1;
    bool m_more = false;
};
