#pragma once

#include "drawingendpoints.h"
#include "httpresponse.h"

#include <optional>

struct EmulatorContext;
struct HttpRequest;
struct Dataset;

// The API server's /rest/ endpoints: me, companies and the two project lists.
class RestEndpoints final
{
public:
    explicit RestEndpoints(EmulatorContext &context)
        : m_context(context)
        , m_drawings(context, *this)
    {}
    // Every /rest/ path is answered (unknown ones with 404), and the /files/ links.
    HttpResponse handle(const HttpRequest &request);

    static QString expiredTokenMessage()
    {
        return QStringLiteral("Your access token has expired. Please refresh your access token.");
    }

    // Procore-Company-Id alone (calls without company_id): the company, or the error answer.
    std::optional<HttpResponse> checkCompanyHeader(const HttpRequest &request,
                                                   qint64 *companyId) const;
    // 403 or 401 for a company without the app, else nullopt.
    std::optional<HttpResponse> checkInstalled(qint64 companyId) const;

private:
    std::optional<HttpResponse> authenticate(const HttpRequest &request, qint64 *userId) const;
    HttpResponse me(qint64 userId) const;
    HttpResponse companies(const HttpRequest &request) const;
    HttpResponse companyBaseUrl(const HttpRequest &request) const;
    HttpResponse projects(const HttpRequest &request, bool v10) const;
    HttpResponse project(const HttpRequest &request) const;
    // The company from company_id and Procore-Company-Id, or the error answer.
    std::optional<HttpResponse> checkCompany(const HttpRequest &request, int *companyIndex) const;

    EmulatorContext &m_context;
    DrawingEndpoints m_drawings;
};
