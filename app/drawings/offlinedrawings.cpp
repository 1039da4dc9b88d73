#include "offlinedrawings.h"

#include "projectdrawingsjob.h"

#include "common/logging.h"

#include <QDateTime>
#include <QSettings>

OfflineDrawings::OfflineDrawings(ApiClient *api, QNetworkAccessManager *network,
                                 const QString &environmentKey, const QString &root,
                                 QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_network(network)
    , m_environment(environmentKey)
    , m_store(root)
{}

OfflineDrawings::~OfflineDrawings()
{
    cancelAll();
}

qint64 OfflineDrawings::limitBytes()
{
    bool ok = false;
    const qint64 limit = QSettings().value(QLatin1String(LimitSetting)).toLongLong(&ok);
    return ok && limit > 0 ? limit : DefaultLimitBytes;
}

DrawingStore::Key OfflineDrawings::key(qint64 projectId) const
{
    return {m_environment, m_userId, m_companyId, projectId};
}

void OfflineDrawings::setAccount(qint64 userId, qint64 companyId, const QString &companyName)
{
    if (userId == m_userId && companyId == m_companyId) {
        m_companyName = companyName;
        return;
    }
    cancelAll();
    m_userId = userId;
    m_companyId = companyId;
    m_companyName = companyName;
    reloadKept();
}

void OfflineDrawings::reloadKept()
{
    const QList<qint64> kept =
        m_userId > 0 && m_companyId > 0 ? m_store.keptProjects(key(0)) : QList<qint64>();
    const QSet<qint64> now(kept.cbegin(), kept.cend());
    if (now != m_kept) {
        m_kept = now;
        emit keptChanged();
    }
}

void OfflineDrawings::list(qint64 projectId)
{
    if (auto running = m_listings.value(projectId))
        running->cancel();
    auto *job = new ProjectDrawingsJob(m_api, m_companyId, m_companyName, projectId, this);
    m_listings.insert(projectId, job);
    connect(job, &ProjectDrawingsJob::finished, this, [this, job](const ProcoreError &error) {
        if (m_listings.value(job->projectId()) == job)
            m_listings.remove(job->projectId());
        if (error.kind != ProcoreError::Kind::Cancelled)
            emit listed(job->projectId(), job->areas(), job->drawings(), error);
    });
    job->start();
}

std::optional<StoredProject> OfflineDrawings::stored(qint64 projectId) const
{
    return m_userId > 0 ? m_store.load(key(projectId)) : std::nullopt;
}

QString OfflineDrawings::sheetFile(qint64 projectId, qint64 drawingId) const
{
    const std::optional<StoredProject> project = stored(projectId);
    if (!project)
        return {};
    for (const StoredSheet &sheet : project->sheets) {
        if (sheet.drawingId == drawingId)
            return m_store.sheetPath(key(projectId), sheet);
    }
    return {};
}

void OfflineDrawings::markViewed(qint64 projectId, qint64 drawingId)
{
    if (m_userId > 0)
        m_store.markViewed(key(projectId), drawingId, QDateTime::currentDateTimeUtc());
}

void OfflineDrawings::sync(qint64 projectId, const QString &projectName)
{
    if (isSyncing(projectId))
        return;
    if (m_userId <= 0 || m_companyId <= 0) {
        qCWarning(lcModel) << "drawings: no account to keep project" << projectId << "offline for";
        return;
    }
    DrawingSync::Options options = m_options;
    options.limitBytes = limitBytes();
    auto *sync = new DrawingSync(m_api, m_network, m_store, key(projectId), m_companyName,
                                 projectName, options, this);
    m_syncs.insert(projectId, sync);
    connect(sync, &DrawingSync::planned, this, [this, projectId](int sheets, qint64 bytes) {
        emit syncPlanned(projectId, sheets, bytes);
    });
    connect(sync, &DrawingSync::progress, this, [this, projectId](qint64 done, qint64 total) {
        emit syncProgress(projectId, done, total);
    });
    connect(sync, &DrawingSync::finished, this, [this, sync, projectId](const ProcoreError &error) {
        m_syncs.remove(projectId);
        reloadKept();
        emit syncFinished(projectId, sync->summary(), error);
    });
    sync->start();
}

void OfflineDrawings::cancelSync(qint64 projectId)
{
    if (auto sync = m_syncs.value(projectId))
        sync->cancel();
}

void OfflineDrawings::removeOffline(qint64 projectId)
{
    if (auto sync = m_syncs.take(projectId)) {
        sync->disconnect(this);
        sync->cancel();
    }
    m_store.removeProject(key(projectId));
    reloadKept();
}

void OfflineDrawings::cancelAll()
{
    for (const QPointer<DrawingSync> &sync : std::as_const(m_syncs)) {
        if (sync) {
            sync->disconnect(this);
            sync->cancel();
        }
    }
    m_syncs.clear();
    for (const QPointer<ProjectDrawingsJob> &job : std::as_const(m_listings)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    m_listings.clear();
}

void OfflineDrawings::clear()
{
    cancelAll();
    m_store.clearAll();
    reloadKept();
}
