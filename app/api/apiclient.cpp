#include "apiclient.h"

#include "apierrors.h"
#include "apijob.h"
#include "companiesjob.h"
#include "companyzonejob.h"
#include "drawinglistjob.h"
#include "filelinkjob.h"
#include "httpheaders.h"
#include "mejob.h"
#include "projectjob.h"
#include "projectsjob.h"

#include "common/appinfo.h"
#include "common/logging.h"
#include "common/tokensource.h"
#include "common/utc.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

#include <limits>

ApiClient::ApiClient(const QUrl &apiBase, TokenSource *tokens, QNetworkAccessManager *network,
                     QObject *parent)
    : QObject(parent)
    , m_base(apiBase.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment))
    , m_tokens(tokens)
    , m_network(network)
{
    Q_ASSERT(network);
    if (tokens) {
        connect(tokens, &TokenSource::tokensRefreshed, this, &ApiClient::onTokensRefreshed);
        connect(tokens, &TokenSource::refreshFailed, this, &ApiClient::onRefreshFailed);
    }
}

ApiClient::~ApiClient() = default;

TokenSource *ApiClient::tokenSource() const
{
    return m_tokens.data();
}

bool ApiClient::isApiUrl(const QUrl &url) const
{
    const auto defaultPort = [](const QUrl &u) {
        return u.port(u.scheme() == QLatin1String("https") ? 443 : 80);
    };
    return url.isValid() && !url.isRelative() &&
           url.scheme().compare(m_base.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(m_base.host(), Qt::CaseInsensitive) == 0 &&
           defaultPort(url) == defaultPort(m_base) && url.userInfo().isEmpty();
}

QUrl ApiClient::resolve(const QUrl &pathOrUrl) const
{
    if (!pathOrUrl.isRelative())
        return pathOrUrl;
    QUrl url = m_base;
    QString path = pathOrUrl.path();
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    url.setPath(m_base.path() + path);
    url.setQuery(pathOrUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

void ApiClient::setHasApp(qint64 companyId, bool installed)
{
    if (companyId <= 0)
        return;
    if (installed)
        m_withoutApp.remove(companyId);
    else
        m_withoutApp.insert(companyId);
}

void ApiClient::noteRateLimit(const QByteArray &remainingHeader, const QByteArray &resetHeader)
{
    const qint64 remaining = HttpHeaders::count(remainingHeader);
    bool ok = false;
    const qint64 resetSeconds = resetHeader.trimmed().toLongLong(&ok);
    if (remaining < 0 || !ok || resetSeconds <= 0)
        return;
    // A hostile reset far away must not stall the listing: a week at most, as for Retry-After.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime reset = std::min(
        QDateTime::fromSecsSinceEpoch(std::min<qint64>(resetSeconds, 1LL << 40), Utc::zone),
        now.addDays(7));
    // Answers to parallel requests arrive in any order: within one window the lowest count is
    // the latest; a later reset starts a new window.
    if (reset == m_rateReset)
        m_rateRemaining = std::min(m_rateRemaining, remaining);
    else
        m_rateRemaining = remaining;
    m_rateReset = reset;
}

int ApiClient::bulkAllowance(int inFlight) const
{
    if (m_rateRemaining < 0 || !m_rateReset.isValid() ||
        QDateTime::currentDateTimeUtc() >= m_rateReset)
        return std::numeric_limits<int>::max();
    return int(std::min<qint64>(m_rateRemaining / 2, std::numeric_limits<int>::max())) - inFlight;
}

void ApiClient::setRateLimitWait(const QDateTime &until)
{
    if (until == m_rateWait)
        return;
    m_rateWait = until;
    emit rateLimitWaitChanged(until);
}

template<typename Job> Job *ApiClient::track(Job *job)
{
    QMetaObject::invokeMethod(job, &Job::start, Qt::QueuedConnection);
    return job;
}

ApiJob *ApiClient::get(const QUrl &pathOrUrl, qint64 companyId, const QString &companyName)
{
    return track(createGet(pathOrUrl, companyId, companyName));
}

ApiJob *ApiClient::createGet(const QUrl &pathOrUrl, qint64 companyId, const QString &companyName)
{
    return new ApiJob(this, resolve(pathOrUrl), companyId, companyName);
}

MeJob *ApiClient::fetchMe()
{
    return track(new MeJob(this));
}

CompaniesJob *ApiClient::fetchCompanies()
{
    return track(new CompaniesJob(this));
}

CompanyZoneJob *ApiClient::fetchCompanyZone(qint64 companyId)
{
    return track(new CompanyZoneJob(this, companyId));
}

ProjectJob *ApiClient::fetchProject(qint64 companyId, const QString &companyName, qint64 projectId)
{
    return track(new ProjectJob(this, companyId, companyName, projectId));
}

DrawingListJob *ApiClient::fetchDrawingAreas(qint64 companyId, const QString &companyName,
                                             qint64 projectId)
{
    return track(new DrawingListJob(this, DrawingListJob::Kind::Areas, companyId, companyName,
                                    projectId, 0));
}

DrawingListJob *ApiClient::fetchDrawings(qint64 companyId, const QString &companyName,
                                         qint64 projectId, qint64 areaId)
{
    return track(new DrawingListJob(this, DrawingListJob::Kind::Drawings, companyId, companyName,
                                    projectId, areaId));
}

FileLinkJob *ApiClient::resolveFileLink(const QUrl &link)
{
    return track(new FileLinkJob(this, link));
}

ProjectsJob *ApiClient::fetchProjects(qint64 companyId, const QString &companyName)
{
    return track(new ProjectsJob(this, companyId, companyName));
}

QNetworkRequest ApiClient::buildRequest(const QUrl &url, qint64 companyId, QString *usedToken) const
{
    QNetworkRequest request(url);
    // Redirects are checked by ApiJob: Qt would follow them with our headers attached.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    usedToken->clear();
    if (isApiUrl(url)) {
        request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
        if (m_tokens)
            *usedToken = m_tokens->accessToken();
        if (!usedToken->isEmpty())
            request.setRawHeader("Authorization", "Bearer " + usedToken->toUtf8());
        if (companyId > 0)
            request.setRawHeader("Procore-Company-Id", QByteArray::number(companyId));
    }
    return request;
}

void ApiClient::requestToken(ApiJob *job, TokenNeed need)
{
    if (!m_tokens) {
        job->failWithoutSending(ApiErrors::signInNeeded(QStringLiteral("no token source")));
        return;
    }
    if (m_tokens->isRefreshing()) {
        waitForRefresh(job, false);
        return;
    }
    const QString current = m_tokens->accessToken();
    if (need == TokenNeed::AfterUnauthorized) {
        // Sent with a token whose refresh Procore already refused (its 401 came late): the
        // sign-in is gone, and another refresh could only be refused again.
        if (!m_refusedToken.isEmpty() && job->m_usedToken == m_refusedToken) {
            job->failWithoutSending(m_refusal);
            return;
        }
        // Another request may have refreshed already: then the new token is simply tried.
        if (current.isEmpty() || current == job->m_usedToken)
            waitForRefresh(job, true);
        else
            job->send();
        return;
    }
    if (current.isEmpty()) {
        job->failWithoutSending(ApiErrors::signInNeeded(QStringLiteral("no access token")));
        return;
    }
    const QDateTime expiry = m_tokens->expiresAt();
    if (!job->m_refreshedAhead && expiry.isValid() &&
        QDateTime::currentDateTimeUtc().secsTo(expiry) < TokenSource::RefreshMarginSeconds) {
        // Once per job: a server handing out very short tokens must not cause a loop.
        job->m_refreshedAhead = true;
        qCDebug(lcApi) << "access token expires at" << expiry << "- refreshing first";
        waitForRefresh(job, true);
        return;
    }
    job->send();
}

void ApiClient::waitForRefresh(ApiJob *job, bool startRefresh)
{
    m_waiting.append(job);
    // After queueing: a token source may answer within refresh() itself.
    if (startRefresh) {
        m_refreshingFrom = m_tokens->accessToken();
        m_tokens->refresh();
    }
}

void ApiClient::onTokensRefreshed()
{
    m_refusedToken.clear();
    const QList<QPointer<ApiJob>> waiting = std::exchange(m_waiting, {});
    if (!waiting.isEmpty())
        qCDebug(lcApi) << "tokens refreshed;" << waiting.size() << "waiting requests go out";
    for (const QPointer<ApiJob> &job : waiting) {
        if (job)
            job->send();
    }
}

void ApiClient::onRefreshFailed(const ProcoreError &error)
{
    if (error.kind == ProcoreError::Kind::SignInNeeded) {
        m_refusedToken = m_refreshingFrom;
        m_refusal = error;
    }
    const QList<QPointer<ApiJob>> waiting = std::exchange(m_waiting, {});
    if (!waiting.isEmpty())
        qCWarning(lcApi) << "token refresh failed:" << ProcoreError::kindName(error.kind)
                         << error.detail << "-" << waiting.size() << "waiting requests fail";
    for (const QPointer<ApiJob> &job : waiting) {
        if (job)
            job->failWithoutSending(error);
    }
}
