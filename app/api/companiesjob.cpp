#include "companiesjob.h"

#include "apiclient.h"
#include "apierrors.h"
#include "httpheaders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace {

constexpr int PerPage = 100;
constexpr int MaxPages = 100; // 10,000 companies; a server that never stops paging is wrong

QUrl pageUrl(ApiClient *client, int page)
{
    QUrl url = client->resolve(QUrl(QStringLiteral("/rest/v1.0/companies")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(PerPage));
    // Procore leaves free-plan companies out otherwise.
    query.addQueryItem(QStringLiteral("include_free_companies"), QStringLiteral("true"));
    url.setQuery(query);
    return url;
}

} // namespace

CompaniesJob::CompaniesJob(ApiClient *client)
    : ApiJob(client, pageUrl(client, 1), 0, {})
{}

CompaniesJob::~CompaniesJob() = default;

ProcoreError CompaniesJob::parseBody(const QByteArray &body)
{
    QJsonDocument document;
    if (ProcoreError error =
            ApiErrors::parseJson(body, QJsonValue::Array, QStringLiteral("/companies"), &document))
        return error;
    QString why;
    auto companies = Company::listFromJson(document.array(), &why);
    if (!companies)
        return ApiErrors::badData(QStringLiteral("/companies: ") + why);
    // Another page only when Procore says so and this one was not empty; the next URL is
    // built here, on the API host, never taken from the Link header.
    m_more = !companies->isEmpty() && m_page < MaxPages &&
             HttpHeaders::parseLink(rawHeader("Link")).contains(QStringLiteral("next"));
    if (m_more)
        ++m_page;
    for (const Company &company : std::as_const(*companies)) {
        if (!m_seen.contains(company.id)) {
            m_seen.insert(company.id);
            m_companies.append(company);
        }
    }
    return {};
}

QUrl CompaniesJob::nextUrl() const
{
    return m_more ? pageUrl(client(), m_page) : QUrl();
}
