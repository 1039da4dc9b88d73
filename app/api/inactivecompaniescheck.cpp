#include "inactivecompaniescheck.h"

#include "apiclient.h"
#include "apierrors.h"
#include "apijob.h"
#include "httpheaders.h"

#include "common/logging.h"

#include <QTimer>
#include <QUrlQuery>

InactiveCompaniesCheck::InactiveCompaniesCheck(ApiClient *client, const QList<Company> &companies)
    : QObject(client)
    , m_client(client)
    , m_companies(companies)
{}

InactiveCompaniesCheck::~InactiveCompaniesCheck() = default;

QList<Company> InactiveCompaniesCheck::companies() const
{
    QList<Company> kept;
    for (const Company &company : m_companies) {
        if (!m_dropped.contains(company.id))
            kept.append(company);
    }
    return kept;
}

void InactiveCompaniesCheck::start()
{
    for (const Company &company : std::as_const(m_companies)) {
        if (company.isActive)
            continue;
        QUrl url(QStringLiteral("/rest/v1.1/projects"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("company_id"), QString::number(company.id));
        query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("1"));
        query.addQueryItem(QStringLiteral("filters[by_status]"), QStringLiteral("All"));
        url.setQuery(query);
        ApiJob *job = m_client->get(url, company.id, company.name);
        const qint64 id = company.id;
        connect(job, &ApiJob::finished, this,
                [this, id, job](const ProcoreError &error) { onProbe(id, job, error); });
        m_probes.append(job);
        ++m_pending;
    }
    if (m_pending == 0)
        QTimer::singleShot(0, this, [this] { finish({}); });
}

void InactiveCompaniesCheck::onProbe(qint64 companyId, ApiJob *job, const ProcoreError &error)
{
    if (m_finished)
        return;
    --m_pending;
    switch (error.kind) {
    case ProcoreError::Kind::None: {
        const QByteArray body = job->body().trimmed();
        const bool empty = body == "[]" || HttpHeaders::count(job->rawHeader("Total")) == 0;
        if (empty)
            m_dropped.append(companyId);
        break;
    }
    case ProcoreError::Kind::Forbidden:
    case ProcoreError::Kind::NotFound:
        m_dropped.append(companyId);
        break;
    default:
        finish(error);
        return;
    }
    if (m_pending == 0)
        finish({});
}

void InactiveCompaniesCheck::cancel()
{
    finish(ApiErrors::cancelled());
}

void InactiveCompaniesCheck::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    for (const QPointer<ApiJob> &probe : std::exchange(m_probes, {})) {
        if (probe) {
            probe->disconnect(this);
            probe->cancel();
        }
    }
    if (!m_dropped.isEmpty())
        qCInfo(lcApi) << "left out" << m_dropped.size()
                      << "inactive companies where no project can be seen";
    emit finished(error);
    deleteLater();
}
