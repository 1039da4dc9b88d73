#pragma once

#include "apijob.h"

#include <QString>
#include <QUrl>

// GET /rest/v1.0/company_base_url ("Check Company Zone") with the company's header: the host of
// the company's web app (app.procore.com, us02.procore.com, uk01.procore.com, …). The answer
// is hostile like any other: the web base must be an https URL (plain http only to this
// computer) without user name, query or fragment, or the job fails with BadData.
class CompanyZoneJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompanyZoneJob)
public:
    ~CompanyZoneJob() override;
    // Valid once finished without an error.
    QUrl webBaseUrl() const { return m_webBase; }
    QString zone() const { return m_zone; }

protected:
    ProcoreError parseBody(const QByteArray &body) override;

private:
    friend class ApiClient;
    CompanyZoneJob(ApiClient *client, qint64 companyId);

    QUrl m_webBase;
    QString m_zone;
};
