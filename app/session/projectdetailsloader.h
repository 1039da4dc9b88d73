#pragma once

#include "common/procoreerror.h"
#include "model/project.h"
#include "model/projectcache.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

class ApiClient;
class ProjectJob;

// The details pane's full project (GET /rest/v1.0/projects/{id}): fetched once per project and
// sign-in when it is selected, and kept beside the company's offline list so an offline start
// still shows what was last seen. Holds project data only, never a token.
class ProjectDetailsLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectDetailsLoader)
public:
    // At most this many full projects are kept per company; the oldest fetched go first.
    static constexpr int MaxKeptPerCompany = 500;

    ProjectDetailsLoader(ApiClient *api, const QString &environmentKey,
                         const QString &cacheDirectory, QObject *parent = nullptr);
    ~ProjectDetailsLoader() override;

    // The full project as last fetched, from this run or the offline copy.
    std::optional<Project> known(qint64 companyId, qint64 projectId) const;
    // Fetches the project unless it was fetched (or is being fetched) since sign-in. Only the
    // latest request matters: selecting another project cancels the one under way.
    void load(qint64 companyId, const QString &companyName, qint64 projectId);
    // Sign-out: forgets what this run fetched (the files go with the project cache).
    void clear();
    // A fetch is under way (decided synchronously by load()).
    bool isLoading() const { return !m_job.isNull(); }

signals:
    void loaded(const Project &project);
    void failed(qint64 projectId, const ProcoreError &error);

private:
    QHash<qint64, Project> &company(qint64 companyId) const;
    void onFinished(ProjectJob *job, const ProcoreError &error);
    void save(qint64 companyId, const QString &companyName);

    ApiClient *m_api;
    QString m_environmentKey;
    ProjectCache m_cache;
    // Per company: what is known in full, read from the offline copy on first use.
    mutable QHash<qint64, QHash<qint64, Project>> m_known;
    mutable QHash<qint64, QList<qint64>> m_order; // fetch order, oldest first
    QSet<qint64> m_fetched;                       // project ids asked since sign-in
    QPointer<ProjectJob> m_job;
};
