#pragma once

#include "accountcache.h"
#include "config/environment.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

class ApiClient;
class CompanyZoneJob;

// Where each company's web app lives (its zone host, from GET /rest/v1.0/company_base_url),
// asked once per company and kept in the account cache for the account's lifetime. Every link
// into Procore's web app starts here; only when that call failed does a link fall back to the
// environment's default web host, and a log line says so.
class CompanyZones final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompanyZones)
public:
    // `api` is not owned; the cache directory is the account cache's.
    CompanyZones(const Environment &environment, ApiClient *api, const QString &cacheDirectory,
                 QObject *parent = nullptr);
    ~CompanyZones() override;

    bool isKnown(qint64 companyId) const { return m_bases.contains(companyId); }
    bool isBusy() const { return !m_job.isNull(); }
    // The company's web host, or the environment's default one while it is unknown.
    QUrl webBase(qint64 companyId) const;
    // The project's home page on its company's host (WebLinks).
    QUrl projectUrl(qint64 companyId, qint64 projectId) const;

    // Asks Procore unless the host is known or a question for it is under way; ready() follows
    // either way (on the next event-loop turn when already known), also after a failure.
    void ensure(qint64 companyId);
    void cancel();

signals:
    void ready(qint64 companyId);

private:
    Environment m_environment;
    ApiClient *m_api;
    AccountCache m_cache;
    QHash<qint64, QUrl> m_bases;
    QPointer<CompanyZoneJob> m_job;
};
