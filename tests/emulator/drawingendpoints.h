#pragma once

#include "httpresponse.h"

#include <QList>

#include <optional>

struct EmulatorContext;
struct HttpRequest;
class RestEndpoints;

// Procore's drawing endpoints on the API host and its file links:
//   GET /rest/v1.1/projects/{id}/drawing_areas
//   GET /rest/v1.1/drawing_areas/{id}/drawings
//   GET /files/drawing_revisions/{id}.pdf?expires=&signature=  (Bearer; 302 to the storage host)
// Lists are paged and company-scoped like the projects: Procore-Company-Id must name the
// project's company, which must have the app installed; a hidden project answers 404.
class DrawingEndpoints final
{
public:
    DrawingEndpoints(EmulatorContext &context, const RestEndpoints &rest)
        : m_context(context)
        , m_rest(rest)
    {}
    static bool owns(const QString &path);
    // An authenticated request for a path owns() accepted.
    HttpResponse handle(const HttpRequest &request);

private:
    HttpResponse areas(const HttpRequest &request, qint64 projectId);
    HttpResponse drawings(const HttpRequest &request, qint64 areaId);
    HttpResponse fileLink(const HttpRequest &request, qint64 revisionId);
    // The company header against the project's company; the error answer or nullopt.
    std::optional<HttpResponse> checkProject(const HttpRequest &request, qint64 projectId) const;
    QString pdfUrl(qint64 revisionId) const;
    // One page of `all` as Procore pages a list (page, per_page, Total, Link).
    template<typename Item, typename Write>
    HttpResponse paged(const HttpRequest &request, const QList<Item> &all, Write write) const;

    EmulatorContext &m_context;
    const RestEndpoints &m_rest;
};
