#include "projectsjob.h"

#include "apiclient.h"
#include "apierrors.h"
#include "apijob.h"
#include "httpheaders.h"

#include "common/logging.h"

#include <QUrlQuery>

ProjectsJob::ProjectsJob(ApiClient *client, qint64 companyId, const QString &companyName)
    : QObject(client)
    , m_client(client)
    , m_companyId(companyId)
    , m_companyName(companyName)
    , m_perPage(client->pageSize())
{
    m_paceTimer.setSingleShot(true);
    m_paceTimer.setTimerType(Qt::PreciseTimer); // never earlier than the window's end
    connect(&m_paceTimer, &QTimer::timeout, this, [this] {
        m_client->setRateLimitWait({});
        fill();
    });
}

ProjectsJob::~ProjectsJob()
{
    abortAll();
}

void ProjectsJob::start()
{
    if (m_finished)
        return;
    m_clock.start();
    request(1);
    m_nextRequest = 2;
}

void ProjectsJob::request(int page)
{
    QUrl url(QStringLiteral("/rest/v1.1/projects"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("company_id"), QString::number(m_companyId));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(m_client->pageSize()));
    // v1.1 lists active projects only unless told otherwise; the window's status filter and the
    // terminal list show inactive ones too.
    query.addQueryItem(QStringLiteral("filters[by_status]"), QStringLiteral("All"));
    url.setQuery(query);
    // Started here and now, not on the next event-loop turn: this runs just before the page
    // that finished is parsed and handed on, and the server should not wait for that.
    ApiJob *job = m_client->createGet(url, m_companyId, m_companyName);
    m_inFlight.insert(page, job);
    connect(job, &ApiJob::finished, this,
            [this, page, job](const ProcoreError &error) { onPageFinished(page, job, error); });
    job->start();
}

void ProjectsJob::onPageFinished(int page, ApiJob *job, const ProcoreError &error)
{
    m_inFlight.remove(page);
    if (m_finished)
        return;
    if (error.isError()) {
        finish(error);
        return;
    }
    ++m_pagesFetched;
    const QByteArray link = job->rawHeader("Link");
    if (page == 1)
        readPagingHeaders(job->rawHeader("Total"), job->rawHeader("Per-Page"), link, -1);
    // The next request goes out before this page is parsed and handed on: the server works
    // on it meanwhile instead of waiting for our model.
    fill();
    QString why;
    auto projects = Project::parsePage(job->body(), &why);
    if (!projects) {
        finish(ApiErrors::badData(QStringLiteral("projects page %1: %2").arg(page).arg(why)));
        return;
    }
    if (page == 1)
        readPagingHeaders(job->rawHeader("Total"), job->rawHeader("Per-Page"), link,
                          projects->size());
    Page arrived;
    arrived.projects = std::move(*projects);
    arrived.linkSaysLast =
        !link.isEmpty() && !HttpHeaders::parseLink(link).contains(QStringLiteral("next"));
    m_arrived.insert(page, std::move(arrived));
    deliver();
    if (!m_finished)
        fill();
}

void ProjectsJob::readPagingHeaders(const QByteArray &total, const QByteArray &perPageHeader,
                                    const QByteArray &link, qsizetype firstPageCount)
{
    m_total = HttpHeaders::count(total);
    const qint64 perPage = HttpHeaders::count(perPageHeader);
    const QHash<QString, QUrl> links = HttpHeaders::parseLink(link);
    if (perPage > 0) {
        m_perPage = int(std::min<qint64>(perPage, m_client->pageSize()));
    } else if (firstPageCount > 0 && firstPageCount < m_perPage &&
               (links.contains(QStringLiteral("next")) || m_total > firstPageCount)) {
        // The server pages smaller than asked and does not say so: its first page shows how.
        m_perPage = int(firstPageCount);
    }
    // A Total that more pages than we would ever fetch could not hold is a broken or hostile
    // server: the pages decide where the list ends, and nobody is shown "12 of 10^18".
    const qint64 mostWeWouldFetch = qint64(m_client->maxPages()) * m_perPage;
    if (m_total > mostWeWouldFetch) {
        qCWarning(lcApi) << "ignoring Total" << m_total << "of company" << m_companyId
                         << ": more than" << mostWeWouldFetch << "projects";
        m_total = -1;
    }
    qint64 last = HttpHeaders::pageOf(links.value(QStringLiteral("last")));
    if (last <= 0 && m_total >= 0 && m_perPage > 0)
        last = m_total / m_perPage + (m_total % m_perPage != 0 ? 1 : 0);
    m_lastPage = int(std::clamp<qint64>(last, 1, m_client->maxPages()));
    qCDebug(lcApi) << "projects of company" << m_companyId << ": Total" << m_total << "per page"
                   << m_perPage << "pages" << m_lastPage;
}

void ProjectsJob::deliver()
{
    while (!m_finished && m_arrived.contains(m_nextDeliver)) {
        const int page = m_nextDeliver;
        const Page arrived = m_arrived.take(page);
        const qsizetype count = arrived.projects.size();
        m_rawCount += count;

        // Pages rarely repeat projects (only when the list shifts while paging), so the page
        // is copied only once it does.
        QList<Project> fresh;
        bool copying = false;
        qsizetype repeats = 0;
        for (qsizetype i = 0; i < count; ++i) {
            const Project &project = arrived.projects.at(i);
            if (m_seen.contains(project.id)) {
                if (!copying) {
                    fresh = arrived.projects.first(i);
                    copying = true;
                }
                ++repeats;
                continue;
            }
            m_seen.insert(project.id);
            if (copying)
                fresh.append(project);
        }
        if (repeats > 0)
            qCInfo(lcApi) << "page" << page << "repeated" << repeats << "projects already received";
        const QList<Project> &delivered = copying ? fresh : arrived.projects;
        if (!delivered.isEmpty()) {
            m_projects.append(delivered);
            emit pageArrived(delivered);
        }
        const qint64 received = m_projects.size();
        emit progress(received, m_total < 0 ? -1 : std::max(m_total, received));
        ++m_nextDeliver;
        if (m_finished) // a receiver cancelled
            return;

        // Where does the list end? An empty or short page ends it, whatever Total said.
        if (count == 0 || count < m_perPage) {
            finish({});
            return;
        }
        if (page >= m_lastPage) {
            // A full page at the announced end: believe the headers if they agree with each
            // other, else probe one page further (data may have grown while paging).
            const int maxPages = m_client->maxPages();
            if ((arrived.linkSaysLast && m_rawCount == m_total) || page >= maxPages) {
                if (page >= maxPages)
                    qCWarning(lcApi) << "stopping after" << maxPages << "pages of projects";
                finish({});
                return;
            }
            m_lastPage = page + 1;
        }
    }
}

void ProjectsJob::fill()
{
    const int parallel = m_client->pageParallelism();
    while (!m_finished && m_inFlight.size() < parallel && m_nextRequest <= m_lastPage &&
           !m_paceTimer.isActive()) {
        if (m_client->bulkAllowance(int(m_inFlight.size())) <= 0) {
            paceUntilWindowEnds();
            return;
        }
        request(m_nextRequest++);
    }
}

void ProjectsJob::paceUntilWindowEnds()
{
    // Pages in flight bring fresher counts and call fill() again; with none, wait.
    if (!m_inFlight.isEmpty())
        return;
    const QDateTime until = m_client->rateWindowEnd();
    const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(until));
    qCInfo(lcApi) << "projects of company" << m_companyId << ": rate limit low, next page in" << ms
                  << "ms";
    m_client->setRateLimitWait(until);
    m_paceTimer.start(std::chrono::milliseconds(ms));
}

void ProjectsJob::abortAll()
{
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const QPointer<ApiJob> &job : inFlight) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
}

void ProjectsJob::cancel()
{
    if (m_finished)
        return;
    finish(ApiErrors::cancelled());
}

void ProjectsJob::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_paceTimer.isActive()) {
        m_paceTimer.stop();
        m_client->setRateLimitWait({});
    }
    abortAll();
    m_arrived.clear();
    if (!error.isError())
        qCInfo(lcApi) << "fetched" << m_projects.size() << "projects of company" << m_companyId
                      << "in" << m_pagesFetched << "pages," << m_clock.elapsed() << "ms";
    else if (error.kind != ProcoreError::Kind::Cancelled)
        qCWarning(lcApi) << "projects of company" << m_companyId
                         << "failed:" << ProcoreError::kindName(error.kind) << error.detail;
    emit finished(error);
    deleteLater();
}
