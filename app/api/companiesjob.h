#pragma once

#include "apijob.h"

#include "model/company.h"

#include <QList>
#include <QSet>

// GET /rest/v1.0/companies: the companies the user can see, every page of them (people rarely
// have more than one page, so pages are fetched one after the other).
class CompaniesJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompaniesJob)
public:
    ~CompaniesJob() override;
    QList<Company> companies() const { return m_companies; }

protected:
    ProcoreError parseBody(const QByteArray &body) override;
    QUrl nextUrl() const override;

private:
    friend class ApiClient;
    explicit CompaniesJob(ApiClient *client);

    QList<Company> m_companies;
    QSet<qint64> m_seen;
    int m_page = 1; // of the answer being parsed; the next one's after parseBody()
    bool m_more = false;
};
