#pragma once

#include "retrypolicy.h"

#include "common/procoreerror.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QUrl>

class ApiJob;
class CompaniesJob;
class DrawingListJob;
class FileLinkJob;
class CompanyZoneJob;
class MeJob;
class ProjectJob;
class ProjectsJob;
class QNetworkAccessManager;
class QNetworkRequest;
class TokenSource;

// Procore's REST API over one QNetworkAccessManager. The only code that puts the bearer
// token on a request, and only on requests to the API base's scheme, host and port (redirects
// elsewhere are refused, paging never follows a Link URL). Tokens come from the TokenSource:
// a token expiring within 60 s is refreshed before use, a 401 leads to one refresh and one
// retry, and while a refresh runs every request waits for it (one refresh at a time). A
// company's call still refused after that asks /me whether the token itself is good; if it is,
// the company has not installed the app (Forbidden), and the user stays signed in.
//
// Every call returns a job that starts on the next event-loop turn, emits `finished` exactly
// once (also when cancelled) and then deletes itself.
//
//   auto *job = client->fetchProjects(company.id, company.name);
//   connect(job, &ProjectsJob::pageArrived, model, &ProjectListModel::appendProjects);
//   connect(job, &ProjectsJob::finished, this, [job](const ProcoreError &error) { ... });
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)
public:
    ApiClient(const QUrl &apiBase, TokenSource *tokens, QNetworkAccessManager *network,
              QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl apiBase() const { return m_base; }
    // Same scheme, host and port as the API base: the only URLs that get the token.
    bool isApiUrl(const QUrl &url) const;
    // A relative URL ("/rest/v1.0/me?x=1") is taken relative to the API base.
    QUrl resolve(const QUrl &pathOrUrl) const;

    int transferTimeoutMs() const { return m_timeoutMs; }
    void setTransferTimeoutMs(int ms) { m_timeoutMs = ms; }
    RetryPolicy retryPolicy() const { return m_policy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    // Projects per page (Procore allows up to 300) and pages fetched at once.
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = std::max(1, size); }
    int pageParallelism() const { return m_parallelism; }
    void setPageParallelism(int pages) { m_parallelism = std::max(1, pages); }
    // A larger answer is refused while it arrives (BadData), so a broken server or proxy
    // cannot fill the memory. Procore's largest page is well under 1 MiB.
    static constexpr qint64 DefaultMaxBodyBytes = 64LL * 1024 * 1024;
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = std::max<qint64>(1, bytes); }
    // A server that pages forever is stopped here (default 10,000 pages).
    int maxPages() const { return m_maxPages; }
    void setMaxPages(int pages) { m_maxPages = std::max(1, pages); }

    // One GET with retries; the body is the caller's to read. `companyId` adds the
    // Procore-Company-Id header, `companyName` goes into a 403's message.
    ApiJob *get(const QUrl &pathOrUrl, qint64 companyId = 0, const QString &companyName = {});
    MeJob *fetchMe();
    CompaniesJob *fetchCompanies();
    ProjectsJob *fetchProjects(qint64 companyId, const QString &companyName);
    CompanyZoneJob *fetchCompanyZone(qint64 companyId);
    ProjectJob *fetchProject(qint64 companyId, const QString &companyName, qint64 projectId);
    DrawingListJob *fetchDrawingAreas(qint64 companyId, const QString &companyName,
                                      qint64 projectId);
    DrawingListJob *fetchDrawings(qint64 companyId, const QString &companyName, qint64 projectId,
                                  qint64 areaId);
    // `link` must be on the API host (isApiUrl); see FileLinkJob.
    FileLinkJob *resolveFileLink(const QUrl &link);

    QNetworkAccessManager *network() const { return m_network; }
    TokenSource *tokenSource() const;

    // Companies that have not installed the app: Procore answers their calls with 403, or with
    // a 401 that a token /me accepts. A 401 for one of them asks /me before it spends a
    // refresh. Learnt by the jobs; the caller may seed it from an earlier run.
    QSet<qint64> companiesWithoutApp() const { return m_withoutApp; }
    void setCompaniesWithoutApp(const QSet<qint64> &companies) { m_withoutApp = companies; }
    bool hasApp(qint64 companyId) const { return !m_withoutApp.contains(companyId); }

    // Procore's X-Rate-Limit-* headers report whichever of its windows (hourly, 10-second
    // spike) comes first. A bulk listing may send, besides its `inFlight` requests, at most
    // half of what the last answers said remains, so it slows down before a 429 and the user's
    // own requests keep the other half. INT_MAX when nothing is known or the window has ended.
    int bulkAllowance(int inFlight) const;
    QDateTime rateWindowEnd() const { return m_rateReset; }
    // Something waits on the limit until `until` (an invalid time: nothing waits any more).
    void setRateLimitWait(const QDateTime &until);
    QDateTime rateLimitWait() const { return m_rateWait; }

signals:
    void rateLimitWaitChanged(const QDateTime &until);

public:
private:
    friend class ApiJob;
    friend class ProjectsJob;
    // Like get(), but not started: the caller connects and calls start() itself.
    ApiJob *createGet(const QUrl &pathOrUrl, qint64 companyId, const QString &companyName);
    enum class TokenNeed { Current, AfterUnauthorized };

    // Calls job->send() now or once a refresh has ended (job->failWithoutSending() if it
    // failed). AfterUnauthorized: the job's token was refused; refresh unless it already
    // changed.
    void requestToken(ApiJob *job, TokenNeed need);
    // The request as sent: Accept, timeout, manual redirects; User-Agent, Authorization and
    // Procore-Company-Id only for the API host.
    QNetworkRequest buildRequest(const QUrl &url, qint64 companyId, QString *usedToken) const;
    void waitForRefresh(ApiJob *job, bool startRefresh);
    void onTokensRefreshed();
    void onRefreshFailed(const ProcoreError &error);
    template<typename Job> Job *track(Job *job);
    void setHasApp(qint64 companyId, bool installed);
    void noteRateLimit(const QByteArray &remaining, const QByteArray &reset);

    QUrl m_base;
    QPointer<TokenSource> m_tokens;
    QNetworkAccessManager *m_network;
    RetryPolicy m_policy;
    int m_timeoutMs = 30000;
    int m_pageSize = 300;
    int m_parallelism = 4;
    int m_maxPages = 10000;
    qint64 m_maxBodyBytes = DefaultMaxBodyBytes;
    QList<QPointer<ApiJob>> m_waiting;
    QString m_refreshingFrom; // the access token the last refresh was started for
    QString m_refusedToken;   // ... when Procore refused that refresh (sign-in needed)
    ProcoreError m_refusal;
    QSet<qint64> m_withoutApp;
    qint64 m_rateRemaining = -1;
    QDateTime m_rateReset;
    QDateTime m_rateWait;
};
