#include "restendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"
#include "jsonwriter.h"
#include "pagination.h"
#include "projectserializer.h"

#include <QJsonObject>

static HttpResponse unauthorized(const QString &message, const QByteArray &wwwAuthenticate)
{
    HttpResponse response = HttpResponse::restError(401, message);
    response.setHeader("WWW-Authenticate", wwwAuthenticate);
    return response;
}

std::optional<HttpResponse> RestEndpoints::authenticate(const HttpRequest &request,
                                                        qint64 *userId) const
{
    const QString token = request.bearerToken();
    if (token.isEmpty())
        return unauthorized(QStringLiteral("Unauthorized"), "Bearer realm=\"Procore\"");
    const TokenRegistry::AccessInfo info = m_context.tokens.inspect(token);
    switch (info.state) {
    case TokenRegistry::AccessState::Valid:
        *userId = info.userId;
        return std::nullopt;
    case TokenRegistry::AccessState::Expired:
        return unauthorized(expiredTokenMessage(),
                            "Bearer realm=\"Procore\", error=\"invalid_token\", "
                            "error_description=\"The access token expired\"");
    case TokenRegistry::AccessState::Revoked:
        return unauthorized(expiredTokenMessage(),
                            "Bearer realm=\"Procore\", error=\"invalid_token\", "
                            "error_description=\"The access token was revoked\"");
    case TokenRegistry::AccessState::Unknown:
        break;
    }
    return unauthorized(expiredTokenMessage(), "Bearer realm=\"Procore\", error=\"invalid_token\", "
                                               "error_description=\"The access token is invalid\"");
}

HttpResponse RestEndpoints::handle(const HttpRequest &request)
{
    enum class Route {
        None,
        Me,
        Companies,
        CompanyBaseUrl,
        ProjectsV10,
        ProjectsV11,
        Project,
        Drawings
    };
    Route route = Route::None;
    if (request.path == u"/rest/v1.0/me")
        route = Route::Me;
    else if (request.path == u"/rest/v1.0/companies")
        route = Route::Companies;
    else if (request.path == u"/rest/v1.0/company_base_url")
        route = Route::CompanyBaseUrl;
    else if (request.path == u"/rest/v1.0/projects")
        route = Route::ProjectsV10;
    else if (request.path == u"/rest/v1.1/projects")
        route = Route::ProjectsV11;
    else if (request.path.startsWith(u"/rest/v1.0/projects/"))
        route = Route::Project;
    else if (DrawingEndpoints::owns(request.path))
        route = Route::Drawings;
    if (route == Route::None)
        return HttpResponse::restError(404, QStringLiteral("Not Found"));
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = HttpResponse::restError(405, QStringLiteral("Method Not Allowed"));
        response.setHeader("Allow", "GET");
        return response;
    }
    qint64 userId = 0;
    if (auto failure = authenticate(request, &userId))
        return *failure;
    switch (route) {
    case Route::Me:
        return me(userId);
    case Route::Companies:
        return companies(request);
    case Route::CompanyBaseUrl:
        return companyBaseUrl(request);
    case Route::ProjectsV10:
        return projects(request, true);
    case Route::Project:
        return project(request);
    case Route::Drawings:
        return m_drawings.handle(request);
    default:
        return projects(request, false);
    }
}

HttpResponse RestEndpoints::me(qint64 userId) const
{
    const DemoUser *user = m_context.config.user(userId);
    return HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("id"), userId},
                                       {QStringLiteral("login"), user ? user->email : QString()},
                                       {QStringLiteral("name"), user ? user->name : QString()}}));
}

HttpResponse RestEndpoints::companies(const HttpRequest &request) const
{
    Pagination paging;
    QString error;
    if (!paging.read(request.query, &error))
        return HttpResponse::restError(400, error);
    // Procore leaves free-plan companies out unless asked for them.
    const bool withFree = request.queryValue(QStringLiteral("include_free_companies")) == u"true";
    const EmulatorConfig &config = m_context.config;
    QList<Company> listed;
    for (Company company : m_context.data.companies) {
        if (!withFree && config.freeCompanies.contains(company.id))
            continue;
        company.isActive = !config.inactiveCompanies.contains(company.id);
        listed.append(company);
    }
    Dataset page;
    page.companies = listed.mid(paging.offset(), paging.perPage());
    HttpResponse response = HttpResponse::rawJson(200, ProjectSerializer::companies(page));
    paging.addHeaders(&response, listed.size(), m_context.apiBase, request.path, request.query);
    return response;
}

static bool parseId(const QByteArray &text, qint64 *id)
{
    bool ok = false;
    *id = text.trimmed().toLongLong(&ok);
    return ok && *id > 0;
}

std::optional<HttpResponse> RestEndpoints::checkCompany(const HttpRequest &request,
                                                        int *companyIndex) const
{
    bool present = false;
    const QString param = request.queryValue(QStringLiteral("company_id"), &present);
    if (!present || param.isEmpty())
        return HttpResponse::restError(400, QStringLiteral("company_id is missing"));
    qint64 companyId = 0;
    if (!parseId(param.toUtf8(), &companyId))
        return HttpResponse::restError(400,
                                       QStringLiteral("company_id must be a positive integer"));
    qint64 headerId = 0;
    if (auto failure = checkCompanyHeader(request, &headerId))
        return failure;
    if (headerId != companyId)
        return HttpResponse::restError(
            400, QStringLiteral("Procore-Company-Id header does not match company_id"));
    *companyIndex = m_context.data.companyIndex(companyId);
    if (*companyIndex < 0)
        return HttpResponse::restError(404, QStringLiteral("Company not found"));
    return checkInstalled(companyId);
}

std::optional<HttpResponse> RestEndpoints::checkCompanyHeader(const HttpRequest &request,
                                                              qint64 *companyId) const
{
    const QByteArray header = request.header("procore-company-id");
    if (header.isEmpty())
        return HttpResponse::restError(400, QStringLiteral("Missing Procore-Company-Id header!"));
    if (!parseId(header, companyId))
        return HttpResponse::restError(400, QStringLiteral("Invalid Procore-Company-Id header!"));
    return std::nullopt;
}

std::optional<HttpResponse> RestEndpoints::checkInstalled(qint64 companyId) const
{
    if (m_context.config.forbiddenCompanies.contains(companyId))
        return HttpResponse::restError(403, QStringLiteral("App is not connected to this company"));
    // Procore documents 401 as well as 403 for a company that has not installed the app, even
    // for a token /me accepts; the body is not documented.
    if (m_context.config.unauthorizedCompanies.contains(companyId))
        return unauthorized(QStringLiteral("Unauthorized"), "Bearer realm=\"Procore\"");
    return std::nullopt;
}

// "Check Company Zone": where the company's web app lives. Procore does not document whether
// it needs the app installed; here it does not.
HttpResponse RestEndpoints::companyBaseUrl(const HttpRequest &request) const
{
    qint64 companyId = 0;
    if (auto failure = checkCompanyHeader(request, &companyId))
        return *failure;
    if (m_context.data.companyIndex(companyId) < 0)
        return HttpResponse::restError(404, QStringLiteral("Company not found"));
    const QString web =
        m_context.config.webBaseUrl.isEmpty() ? m_context.apiBase : m_context.config.webBaseUrl;
    return HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("zone"), QStringLiteral("us02")},
                                       {QStringLiteral("web_base_url"), web}}));
}

// GET /rest/v1.0/projects/{id}?company_id=: one project. Procore answers 404 alike for a
// project that does not exist and for one the user may not read (--hidden-project).
HttpResponse RestEndpoints::project(const HttpRequest &request) const
{
    int companyIndex = -1;
    if (auto failure = checkCompany(request, &companyIndex))
        return *failure;
    qint64 projectId = 0;
    const QString idText = request.path.mid(QStringLiteral("/rest/v1.0/projects/").size());
    const EmulatorConfig &config = m_context.config;
    if (parseId(idText.toUtf8(), &projectId) && !config.hiddenProjects.contains(projectId) &&
        !config.emptyCompanies.contains(m_context.data.companies.at(companyIndex).id)) {
        for (const Project &candidate : m_context.data.projects.at(companyIndex)) {
            if (candidate.id != projectId)
                continue;
            QByteArray body;
            JsonWriter json(&body);
            ProjectSerializer::writeFull(json, m_context.data, candidate, true);
            return HttpResponse::rawJson(200, body);
        }
    }
    return HttpResponse::restError(404, QStringLiteral("Not Found"));
}

HttpResponse RestEndpoints::projects(const HttpRequest &request, bool v10) const
{
    int companyIndex = -1;
    if (auto failure = checkCompany(request, &companyIndex))
        return *failure;
    Pagination paging;
    QString error;
    if (!paging.read(request.query, &error))
        return HttpResponse::restError(400, error);

    bool compact = false;
    QString nameFilter;
    // Both versions list active projects only unless a status filter says otherwise (v1.1:
    // unless --list-inactive-by-default turns that rule off).
    bool present = false;
    QString status = request.queryValue(QStringLiteral("filters[by_status]"), &present);
    if (!present)
        status = v10 || m_context.config.activeOnlyByDefault ? QStringLiteral("Active")
                                                             : QStringLiteral("All");
    if (status != u"Active" && status != u"Inactive" && status != u"All")
        return HttpResponse::restError(
            400, QStringLiteral("filters[by_status] must be one of Active, Inactive, All"));
    if (v10) {
        nameFilter = request.queryValue(QStringLiteral("filters[name]"));
        const QString view = request.queryValue(QStringLiteral("serializer_view"), &present);
        if (present && view != u"compact" && view != u"normal")
            return HttpResponse::restError(
                400, QStringLiteral("serializer_view must be compact or normal"));
        compact = view == u"compact";
    }

    static const QList<Project> none;
    const QList<Project> &all =
        m_context.config.emptyCompanies.contains(m_context.data.companies.at(companyIndex).id)
            ? none
            : m_context.data.projects.at(companyIndex);
    QList<const Project *> pageItems;
    qint64 total = 0;
    const qint64 first = paging.offset();
    const QSet<qint64> &hidden = m_context.config.hiddenProjects;
    const bool filtered = status != u"All" || !nameFilter.isEmpty() || !hidden.isEmpty();
    if (!filtered) {
        total = all.size();
        for (qint64 i = first; i < total && pageItems.size() < paging.perPage(); ++i)
            pageItems.append(&all.at(i));
    } else {
        const bool wantActive = status == u"Active";
        for (const Project &project : all) {
            if (status != u"All" && project.active != wantActive)
                continue;
            if (hidden.contains(project.id))
                continue;
            if (!nameFilter.isEmpty() && !project.name.contains(nameFilter, Qt::CaseInsensitive))
                continue;
            if (total >= first && pageItems.size() < paging.perPage())
                pageItems.append(&project);
            ++total;
        }
    }
    HttpResponse response = HttpResponse::rawJson(
        200, ProjectSerializer::array(m_context.data, pageItems, compact, v10));
    paging.addHeaders(&response, total, m_context.apiBase, request.path, request.query);
    return response;
}
