#include "companyzonejob.h"

#include "apiclient.h"
#include "apierrors.h"

#include "config/environment.h"

#include <QJsonDocument>
#include <QJsonObject>

CompanyZoneJob::CompanyZoneJob(ApiClient *client, qint64 companyId)
    : ApiJob(client, client->resolve(QUrl(QStringLiteral("/rest/v1.0/company_base_url"))),
             companyId, {})
{}

CompanyZoneJob::~CompanyZoneJob() = default;

ProcoreError CompanyZoneJob::parseBody(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue web = object.value(QLatin1String("web_base_url"));
    const QUrl url(web.toString(), QUrl::StrictMode);
    if (!web.isString() ||
        Environment::validateBaseUrl(url, QStringLiteral("web_base_url")).isError())
        return ApiErrors::badData(QStringLiteral("company_base_url: no usable web_base_url: %1")
                                      .arg(ApiErrors::bodySnippet(body)));
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_webBase = url;
    m_webBase.setPath(path);
    m_zone = object.value(QLatin1String("zone")).toString();
    return {};
}
