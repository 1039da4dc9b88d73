#include "restendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"
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
    enum class Route { None, Me, Companies, ProjectsV10, ProjectsV11 };
    Route route = Route::None;
    if (request.path == u"/rest/v1.0/me")
        route = Route::Me;
    else if (request.path == u"/rest/v1.0/companies")
        route = Route::Companies;
    else if (request.path == u"/rest/v1.0/projects")
        route = Route::ProjectsV10;
    else if (request.path == u"/rest/v1.1/projects")
        route = Route::ProjectsV11;
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
    case Route::ProjectsV10:
        return projects(request, true);
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
    // Few companies: serialise all, then cut the page out of the data.
    Dataset page;
    page.companies = m_context.data.companies.mid(paging.offset(), paging.perPage());
    HttpResponse response = HttpResponse::rawJson(200, ProjectSerializer::companies(page));
    paging.addHeaders(&response, m_context.data.companies.size(), m_context.apiBase, request.path,
                      request.query);
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
    const QByteArray header = request.header("procore-company-id");
    if (header.isEmpty())
        return HttpResponse::restError(400, QStringLiteral("Missing Procore-Company-Id header!"));
    qint64 headerId = 0;
    if (!parseId(header, &headerId))
        return HttpResponse::restError(400, QStringLiteral("Invalid Procore-Company-Id header!"));
    if (headerId != companyId)
        return HttpResponse::restError(
            400, QStringLiteral("Procore-Company-Id header does not match company_id"));
    *companyIndex = m_context.data.companyIndex(companyId);
    if (*companyIndex < 0)
        return HttpResponse::restError(404, QStringLiteral("Company not found"));
    if (m_context.config.forbiddenCompanies.contains(companyId))
        return HttpResponse::restError(403, QStringLiteral("App is not connected to this company"));
    return std::nullopt;
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
    QString status = QStringLiteral("All");
    QString nameFilter;
    if (v10) {
        bool present = false;
        status = request.queryValue(QStringLiteral("filters[by_status]"), &present);
        if (!present)
            status = QStringLiteral("Active");
        if (status != u"Active" && status != u"Inactive" && status != u"All")
            return HttpResponse::restError(
                400, QStringLiteral("filters[by_status] must be one of Active, Inactive, All"));
        nameFilter = request.queryValue(QStringLiteral("filters[name]"));
        const QString view = request.queryValue(QStringLiteral("serializer_view"), &present);
        if (present && view != u"compact" && view != u"normal")
            return HttpResponse::restError(
                400, QStringLiteral("serializer_view must be compact or normal"));
        compact = view == u"compact";
    }

    const QList<Project> &all = m_context.data.projects.at(companyIndex);
    QList<const Project *> pageItems;
    qint64 total = 0;
    const qint64 first = paging.offset();
    const bool filtered = status != u"All" || !nameFilter.isEmpty();
    if (!filtered) {
        total = all.size();
        for (qint64 i = first; i < total && pageItems.size() < paging.perPage(); ++i)
            pageItems.append(&all.at(i));
    } else {
        const bool wantActive = status == u"Active";
        for (const Project &project : all) {
            if (status != u"All" && project.active != wantActive)
                continue;
            if (!nameFilter.isEmpty() && !project.name.contains(nameFilter, Qt::CaseInsensitive))
                continue;
            if (total >= first && pageItems.size() < paging.perPage())
                pageItems.append(&project);
            ++total;
        }
    }
    HttpResponse response =
        HttpResponse::rawJson(200, ProjectSerializer::array(m_context.data, pageItems, compact));
    paging.addHeaders(&response, total, m_context.apiBase, request.path, request.query);
    return response;
}
