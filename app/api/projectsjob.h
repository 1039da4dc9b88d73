#pragma once

#include "common/procoreerror.h"
#include "model/project.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

class ApiClient;
class ApiJob;

// Every project of a company, active and inactive: GET /rest/v1.1/projects with
// filters[by_status]=All, page by page (per_page from the client,
// 300 by default). The first page's Total and Link say how many pages follow; those are
// fetched a few at a time and handed out strictly in page order through pageArrived(), so a
// model can fill while they arrive. Robust to paging headers that disagree with the data: it
// stops at the first empty or short page, probes one page further when the last announced one
// is full, never fetches more than ApiClient::maxPages() pages, and drops repeated IDs.
class ProjectsJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsJob)
public:
    ~ProjectsJob() override;

    qint64 companyId() const { return m_companyId; }
    QString companyName() const { return m_companyName; }
    // Everything delivered so far, in page order, each ID once.
    QList<Project> projects() const { return m_projects; }
    ProcoreError error() const { return m_error; }
    bool isFinished() const { return m_finished; }
    // What the first page's Total header announced, or -1.
    qint64 announcedTotal() const { return m_total; }
    int pagesFetched() const { return m_pagesFetched; }

    // Aborts the requests in flight; emits finished(Cancelled) unless already finished.
    void cancel();

signals:
    // The next page's projects, in order, without IDs already delivered.
    void pageArrived(const QList<Project> &projects);
    // `total` is the announced Total (or -1), never less than `received`.
    void progress(qint64 received, qint64 total);
    void finished(const ProcoreError &error);

private:
    friend class ApiClient;
    struct Page
    {
        QList<Project> projects;
        bool linkSaysLast = false; // a Link header without rel="next"
    };

    ProjectsJob(ApiClient *client, qint64 companyId, const QString &companyName);
    void start();
    void request(int page);
    void onPageFinished(int page, ApiJob *job, const ProcoreError &error);
    // `firstPageCount` is -1 before the first page is parsed (a first estimate, so the next
    // requests can go out at once).
    void readPagingHeaders(const QByteArray &total, const QByteArray &perPage,
                           const QByteArray &link, qsizetype firstPageCount);
    void deliver();
    void fill();
    // Out of the listing's share of Procore's rate limit: the next page waits for the window
    // to end (ApiClient::bulkAllowance), and the client says so for the status line.
    void paceUntilWindowEnds();
    void finish(const ProcoreError &error);
    void abortAll();

    ApiClient *m_client;
    qint64 m_companyId;
    QString m_companyName;
    QMap<int, QPointer<ApiJob>> m_inFlight;
    QMap<int, Page> m_arrived; // parsed, waiting for the pages before them
    QList<Project> m_projects;
    QSet<qint64> m_seen;
    ProcoreError m_error;
    QElapsedTimer m_clock;
    QTimer m_paceTimer;
    qint64 m_total = -1;
    int m_perPage = 0;
    int m_lastPage = 1;    // pages planned so far
    int m_nextRequest = 1; // next page to ask for
    int m_nextDeliver = 1; // next page to hand out
    int m_pagesFetched = 0;
    qint64 m_rawCount = 0; // projects received, repeats included
    bool m_finished = false;
};
