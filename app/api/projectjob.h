#pragma once

#include "apijob.h"

#include "model/project.h"

// GET /rest/v1.0/projects/{id}?company_id= with the company's header: one project in full
// (phone, IANA time zone, stage), for the details pane. Procore answers 404 alike for a project
// that does not exist and one the user may not read; the job then fails with NotFound.
class ProjectJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectJob)
public:
    ~ProjectJob() override;
    // Valid once finished without an error; its company is the one asked for.
    Project project() const { return m_project; }
    qint64 projectId() const { return m_projectId; }

protected:
    ProcoreError parseBody(const QByteArray &body) override;

private:
    friend class ApiClient;
    ProjectJob(ApiClient *client, qint64 companyId, const QString &companyName, qint64 projectId);

    qint64 m_projectId = 0;
    qint64 m_companyId = 0;
    QString m_companyName;
    Project m_project;
};
