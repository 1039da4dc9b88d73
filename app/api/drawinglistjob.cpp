#include "drawinglistjob.h"

#include "apiclient.h"
#include "apierrors.h"
#include "httpheaders.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace {
constexpr int PerPage = 100;
constexpr int MaxPages = 200; // 20,000 sheets in one area; a server paging forever is wrong
} // namespace

DrawingListJob::DrawingListJob(ApiClient *client, Kind kind, qint64 companyId,
                               const QString &companyName, qint64 projectId, qint64 areaId)
    : ApiJob(client, pageUrl(client, kind, projectId, areaId, 1), companyId, companyName)
    , m_kind(kind)
    , m_projectId(projectId)
    , m_areaId(areaId)
{}

DrawingListJob::~DrawingListJob() = default;

QUrl DrawingListJob::pageUrl(ApiClient *client, Kind kind, qint64 projectId, qint64 areaId,
                             int page)
{
    QUrl url(kind == Kind::Areas
                 ? QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(projectId)
                 : QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings").arg(areaId));
    QUrlQuery query;
    if (kind == Kind::Drawings)
        query.addQueryItem(QStringLiteral("project_id"), QString::number(projectId));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(PerPage));
    url.setQuery(query);
    return client->resolve(url);
}

ProcoreError DrawingListJob::parseBody(const QByteArray &body)
{
    const QString what =
        m_kind == Kind::Areas ? QStringLiteral("drawing areas") : QStringLiteral("drawings");
    QJsonDocument document;
    if (ProcoreError error = ApiErrors::parseJson(body, QJsonValue::Array, what, &document))
        return error;
    QString why;
    qsizetype count = 0;
    if (m_kind == Kind::Areas) {
        auto areas = DrawingArea::listFromJson(document.array(), &why);
        if (!areas)
            return ApiErrors::badData(what + QStringLiteral(": ") + why);
        count = areas->size();
        for (const DrawingArea &area : std::as_const(*areas)) {
            if (!m_seen.contains(area.id)) {
                m_seen.insert(area.id);
                m_areas.append(area);
            }
        }
    } else {
        auto drawings = Drawing::listFromJson(document.array(), m_areaId, &why);
        if (!drawings)
            return ApiErrors::badData(what + QStringLiteral(": ") + why);
        count = document.array().size();
        for (const Drawing &drawing : std::as_const(*drawings)) {
            if (!m_seen.contains(drawing.id)) {
                m_seen.insert(drawing.id);
                m_drawings.append(drawing);
            }
        }
    }
    m_more = count > 0 && m_page < MaxPages &&
             HttpHeaders::parseLink(rawHeader("Link")).contains(QStringLiteral("next"));
    if (m_more)
        ++m_page;
    return {};
}

QUrl DrawingListJob::nextUrl() const
{
    return m_more ? pageUrl(client(), m_kind, m_projectId, m_areaId, m_page) : QUrl();
}
