#include "drawingsync.h"

#include "filedownload.h"
#include "projectdrawingsjob.h"

#include "api/apiclient.h"
#include "api/apierrors.h"
#include "api/apijob.h"
#include "api/drawinglistjob.h"
#include "api/filelinkjob.h"
#include "common/logging.h"

#include <QDateTime>

DrawingSync::DrawingSync(ApiClient *api, QNetworkAccessManager *network, const DrawingStore &store,
                         const DrawingStore::Key &key, const QString &companyName,
                         const QString &projectName, const Options &options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_network(network)
    , m_store(store)
    , m_key(key)
    , m_companyName(companyName)
    , m_options(options)
{
    m_project.projectName = projectName;
}

DrawingSync::~DrawingSync()
{
    stopRunning();
}

void DrawingSync::stopRunning()
{
    const QList<QPointer<QObject>> running = std::exchange(m_running, {});
    for (const QPointer<QObject> &job : running) {
        if (!job)
            continue;
        job->disconnect(this);
        if (auto *api = qobject_cast<ApiJob *>(job.data()))
            api->cancel();
        else if (auto *file = qobject_cast<FileDownload *>(job.data()))
            file->cancel();
        else if (auto *listing = qobject_cast<ProjectDrawingsJob *>(job.data()))
            listing->cancel();
    }
}

void DrawingSync::start()
{
    m_clock.start();
    if (const std::optional<StoredProject> stored = m_store.load(m_key)) {
        if (m_project.projectName.isEmpty()) // the terminal knows only the ID
            m_project.projectName = stored->projectName;
        for (const StoredSheet &sheet : stored->sheets) {
            if (!m_store.sheetPath(m_key, sheet).isEmpty())
                m_previous.insert(sheet.drawingId, sheet);
        }
    }
    auto *listing =
        new ProjectDrawingsJob(m_api, m_key.companyId, m_companyName, m_key.projectId, this);
    m_running.append(listing);
    connect(listing, &ProjectDrawingsJob::finished, this, [this, listing](const ProcoreError &e) {
        if (e)
            finish(e);
        else
            onListed(listing->areas(), listing->drawings());
    });
    listing->start();
}

void DrawingSync::onListed(const QList<DrawingArea> &areas, const QList<Drawing> &drawings)
{
    m_project.areas = areas;
    m_listed = drawings;
    for (const Drawing &drawing : drawings) {
        const auto previous = m_previous.constFind(drawing.id);
        if (previous != m_previous.cend() && previous->revisionId == drawing.revision.id) {
            StoredSheet sheet = *previous;
            // Titles and numbers may be corrected without a new revision.
            sheet.number = drawing.number;
            sheet.title = drawing.title;
            sheet.discipline = drawing.discipline;
            sheet.areaId = drawing.areaId;
            m_current.insert(drawing.id, sheet);
            ++m_summary.unchanged;
        } else if (drawing.revision.pdfUrl.isValid()) {
            m_tasks.append({drawing});
            m_summary.plannedBytes += std::max<qint64>(0, drawing.revision.pdfSize);
        }
    }
    emit planned(int(m_tasks.size()), m_summary.plannedBytes);
    startNext();
}

void DrawingSync::startNext()
{
    if (m_finished)
        return;
    while (m_active < m_options.parallelDownloads &&
           (!m_retry.isEmpty() || m_next < m_tasks.size())) {
        const int task = m_retry.isEmpty() ? m_next++ : m_retry.takeFirst();
        ++m_active;
        const QUrl link = m_tasks.at(task).drawing.revision.pdfUrl;
        if (!m_api->isApiUrl(link)) {
            download(task, link); // already a storage URL: no token needed, none sent
            continue;
        }
        FileLinkJob *job = m_api->resolveFileLink(link);
        m_running.append(job);
        connect(job, &FileLinkJob::finished, this, [this, job, task](const ProcoreError &error) {
            if (error)
                onTaskFailed(task, error);
            else
                download(task, job->storageUrl());
        });
    }
    if (m_active == 0 && m_waiting == 0 && m_retry.isEmpty() && m_next == m_tasks.size()) {
        writeIndex();
        finish(m_firstFailure);
    }
}

void DrawingSync::download(int task, const QUrl &storageUrl)
{
    const Drawing &drawing = m_tasks.at(task).drawing;
    const QString target =
        m_store.projectDir(m_key) + u'/' + DrawingStore::fileName(drawing.id, drawing.revision.id);
    auto *file = new FileDownload(m_network, storageUrl, target, drawing.revision.pdfSize, this);
    m_running.append(file);
    connect(file, &FileDownload::progress, this, [this](qint64 bytes) {
        m_doneBytes += bytes;
        m_summary.bytes += bytes;
        emit progress(m_doneBytes, m_summary.plannedBytes);
    });
    connect(file, &FileDownload::finished, this, [this, file, task](const ProcoreError &error) {
        if (error) {
            onTaskFailed(task, error);
            return;
        }
        const Drawing &d = m_tasks.at(task).drawing;
        StoredSheet sheet{d.id,
                          d.areaId,
                          d.number,
                          d.title,
                          d.discipline,
                          d.revision.id,
                          d.revision.number,
                          d.revision.updatedAt.toUTC(),
                          file->size(),
                          file->md5Hex(),
                          {}};
        if (const auto previous = m_previous.constFind(d.id); previous != m_previous.cend())
            sheet.lastViewed = previous->lastViewed;
        onTaskDone(task, sheet);
    });
    file->start();
}

void DrawingSync::onTaskFailed(int task, const ProcoreError &error)
{
    if (m_finished)
        return;
    Task &t = m_tasks[task];
    const bool dropped =
        error.kind == ProcoreError::Kind::Offline || error.kind == ProcoreError::Kind::Timeout;
    if (error.kind == ProcoreError::Kind::Forbidden && !t.relisted) {
        t.relisted = true;
        relist(task);
        return;
    }
    if (dropped && t.drops < m_options.dropRetries) {
        ++t.drops;
        qCInfo(lcApi) << "drawings: sheet" << t.drawing.number << "dropped, resuming, try"
                      << t.drops;
        // Through the file link again: the storage URL may be short-lived.
        --m_active;
        ++m_waiting;
        QTimer::singleShot(m_options.retryDelayMs * t.drops, this, [this, task] {
            --m_waiting;
            m_retry.append(task);
            startNext();
        });
        return;
    }
    qCWarning(lcApi).noquote() << "drawings: sheet" << t.drawing.number
                               << "failed:" << error.detail;
    ++m_summary.failed;
    if (!m_firstFailure)
        m_firstFailure = error;
    --m_active;
    startNext();
}

// The link expired: the area's list again gives a fresh pdf_url for this sheet.
void DrawingSync::relist(int task)
{
    const Drawing &drawing = m_tasks.at(task).drawing;
    DrawingListJob *job =
        m_api->fetchDrawings(m_key.companyId, m_companyName, m_key.projectId, drawing.areaId);
    m_running.append(job);
    connect(job, &DrawingListJob::finished, this, [this, job, task](const ProcoreError &error) {
        if (error) {
            onTaskFailed(task, error);
            return;
        }
        Task &t = m_tasks[task];
        for (const Drawing &fresh : job->drawings()) {
            if (fresh.id == t.drawing.id) {
                t.drawing = fresh; // a new revision meanwhile is fine: it is the current one
                --m_active;
                m_retry.append(task);
                startNext();
                return;
            }
        }
        onTaskFailed(task, ProcoreError(ProcoreError::Kind::NotFound,
                                        tr("A drawing was removed from the set during the sync."),
                                        QStringLiteral("drawing %1 gone").arg(t.drawing.id)));
    });
}

void DrawingSync::onTaskDone(int task, const StoredSheet &sheet)
{
    Q_UNUSED(task)
    m_current.insert(sheet.drawingId, sheet);
    ++m_summary.downloaded;
    --m_active;
    // The index follows every hundred files: each write is a QSaveFile commit with an fsync
    // (every 25 cost a 500-sheet sync 0.2 s), and a crash loses at most the files since, which
    // the next sync fetches again. Cancel writes it at once.
    if (m_summary.downloaded % 100 == 0)
        writeIndex();
    startNext();
}

void DrawingSync::writeIndex()
{
    m_project.sheets.clear();
    for (const Drawing &drawing : std::as_const(m_listed)) {
        if (const auto it = m_current.constFind(drawing.id); it != m_current.cend())
            m_project.sheets.append(*it);
        else if (const auto old = m_previous.constFind(drawing.id); old != m_previous.cend())
            m_project.sheets.append(*old); // an older revision beats no sheet; the viewer says so
    }
    m_project.syncedAt = QDateTime::currentDateTimeUtc();
    m_summary.sheets = int(m_project.sheets.size());
    QString error;
    if (!m_store.save(m_key, m_project, &error))
        qCWarning(lcModel) << "drawings: index not saved:" << error;
}

void DrawingSync::cancel()
{
    if (m_finished)
        return;
    if (!m_listed.isEmpty())
        writeIndex();
    finish(ApiErrors::cancelled());
}

void DrawingSync::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    stopRunning();
    if (!error || error.kind == ProcoreError::Kind::Cancelled) {
        if (!error)
            m_store.removeStrays(m_key, m_project);
        m_summary.evicted = m_store.evictTo(m_options.limitBytes, m_key);
    }
    m_summary.elapsedMs = m_clock.elapsed();
    emit finished(error);
    deleteLater();
}
