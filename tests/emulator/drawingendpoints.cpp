#include "drawingendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"
#include "jsonwriter.h"
#include "pagination.h"
#include "restendpoints.h"

#include "common/utc.h"

#include <QDateTime>
#include <QRegularExpression>

namespace {

const QRegularExpression &areasPath()
{
    static const QRegularExpression re(
        QStringLiteral("^/rest/v1\\.1/projects/(\\d+)/drawing_areas$"));
    return re;
}
const QRegularExpression &drawingsPath()
{
    static const QRegularExpression re(
        QStringLiteral("^/rest/v1\\.1/drawing_areas/(\\d+)/drawings$"));
    return re;
}
const QRegularExpression &filePath()
{
    static const QRegularExpression re(QStringLiteral("^/files/drawing_revisions/(\\d+)\\.pdf$"));
    return re;
}

qint64 idIn(const QRegularExpression &re, const QString &path)
{
    const QRegularExpressionMatch match = re.match(path);
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

QString isoTime(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Utc::zone).toString(Qt::ISODate);
}

HttpResponse notFound()
{
    return HttpResponse::restError(404, QStringLiteral("Not Found"));
}

} // namespace

bool DrawingEndpoints::owns(const QString &path)
{
    return areasPath().match(path).hasMatch() || drawingsPath().match(path).hasMatch() ||
           filePath().match(path).hasMatch();
}

HttpResponse DrawingEndpoints::handle(const HttpRequest &request)
{
    if (const qint64 id = idIn(areasPath(), request.path); id > 0)
        return areas(request, id);
    if (const qint64 id = idIn(drawingsPath(), request.path); id > 0)
        return drawings(request, id);
    if (const qint64 id = idIn(filePath(), request.path); id > 0)
        return fileLink(request, id);
    return notFound();
}

std::optional<HttpResponse> DrawingEndpoints::checkProject(const HttpRequest &request,
                                                           qint64 projectId) const
{
    qint64 companyId = 0;
    if (auto failure = m_rest.checkCompanyHeader(request, &companyId))
        return failure;
    const int companyIndex = m_context.data.companyIndex(companyId);
    if (companyIndex < 0)
        return HttpResponse::restError(404, QStringLiteral("Company not found"));
    if (auto failure = m_rest.checkInstalled(companyId))
        return failure;
    const EmulatorConfig &config = m_context.config;
    if (config.hiddenProjects.contains(projectId) || config.emptyCompanies.contains(companyId))
        return notFound();
    for (const Project &project : m_context.data.projects.at(companyIndex)) {
        if (project.id == projectId)
            return std::nullopt;
    }
    return notFound(); // another company's project looks like no project at all
}

HttpResponse DrawingEndpoints::areas(const HttpRequest &request, qint64 projectId)
{
    if (auto failure = checkProject(request, projectId))
        return *failure;
    return paged(request, m_context.drawings.areas(m_context.data, projectId),
                 [projectId](JsonWriter &json, const DrawingArea &area) {
                     json.beginObject().key("id").number(area.id).key("name").string(area.name);
                     json.key("project_id").number(projectId).endObject();
                 });
}

QString DrawingEndpoints::pdfUrl(qint64 revisionId) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return QStringLiteral("%1/files/drawing_revisions/%2.pdf?%3")
        .arg(m_context.apiBase)
        .arg(revisionId)
        .arg(QString::fromLatin1(
            m_context.links.query("link", revisionId, now, m_context.config.drawingLinkTtl)));
}

HttpResponse DrawingEndpoints::drawings(const HttpRequest &request, qint64 areaId)
{
    const std::optional<DrawingCatalog::ProjectRef> ref = m_context.drawings.projectOfArea(areaId);
    const DrawingArea *area = m_context.drawings.area(m_context.data, areaId);
    if (!ref || !area)
        return notFound();
    const qint64 projectId = m_context.data.projects.at(ref->companyIndex).at(ref->projectIndex).id;
    bool present = false;
    const QString asked = request.queryValue(QStringLiteral("project_id"), &present);
    if (present && asked.toLongLong() != projectId)
        return notFound();
    if (auto failure = checkProject(request, projectId))
        return *failure;
    return paged(
        request, area->sheets, [this, areaId](JsonWriter &json, const DrawingSheet &sheet) {
            json.beginObject().key("id").number(sheet.id).key("number").string(sheet.number);
            json.key("title").string(sheet.title).key("discipline").string(sheet.discipline);
            json.key("obsolete").boolean(false).key("drawing_area_id").number(areaId);
            json.key("current_revision").beginObject().key("id").number(sheet.revision.id);
            json.key("revision_number").string(QString::number(sheet.revision.number));
            json.key("pdf_url").string(pdfUrl(sheet.revision.id));
            json.key("png_url").nullValue().key("thumbnail_url").nullValue();
            json.key("pdf_size").number(sheet.revision.pdfSize);
            json.key("updated_at").string(isoTime(sheet.revision.updatedAt));
            json.endObject().endObject();
        });
}

template<typename Item, typename Write>
HttpResponse DrawingEndpoints::paged(const HttpRequest &request, const QList<Item> &all,
                                     Write write) const
{
    Pagination paging;
    QString error;
    if (!paging.read(request.query, &error))
        return HttpResponse::restError(400, error);
    QByteArray body;
    JsonWriter json(&body);
    json.beginArray();
    for (qsizetype i = paging.offset(); i < all.size() && i < paging.offset() + paging.perPage();
         ++i)
        write(json, all.at(i));
    json.endArray();
    HttpResponse response = HttpResponse::rawJson(200, body);
    paging.addHeaders(&response, all.size(), m_context.apiBase, request.path, request.query);
    return response;
}

// The Procore-host file link: the Bearer token proves the user, the signature the link; the
// answer sends the client to the storage host with a storage signature of its own.
HttpResponse DrawingEndpoints::fileLink(const HttpRequest &request, qint64 revisionId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    switch (m_context.links.check("link", revisionId, request.queryValue(QStringLiteral("expires")),
                                  request.queryValue(QStringLiteral("signature")), now)) {
    case LinkSigner::Check::Valid:
        break;
    case LinkSigner::Check::Expired:
        return HttpResponse::restError(403, QStringLiteral("Request has expired"));
    case LinkSigner::Check::Forged:
        return HttpResponse::restError(403, QStringLiteral("Signature does not match"));
    }
    qint64 projectId = 0;
    if (!m_context.drawings.sheetOfRevision(m_context.data, revisionId, &projectId))
        return notFound();
    if (m_context.config.hiddenProjects.contains(projectId))
        return notFound();
    const QByteArray target =
        m_context.storageBase.toLatin1() + "/blobs/" + QByteArray::number(revisionId) + ".pdf?" +
        m_context.links.query("blob", revisionId, now, m_context.config.storageLinkTtl);
    return HttpResponse::redirect(target);
}
