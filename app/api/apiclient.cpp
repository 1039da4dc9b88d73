#include "apiclient.h"

#include "apierrors.h"
#include "apijob.h"
#include "companiesjob.h"
#include "mejob.h"
#include "projectsjob.h"

#include "common/appinfo.h"
#include "common/logging.h"
#include "common/tokensource.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

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
        QDateTime::currentDateTimeUtc().secsTo(expiry) < RefreshMarginSeconds) {
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
    if (startRefresh)
        m_tokens->refresh();
}

void ApiClient::onTokensRefreshed()
{
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
    const QList<QPointer<ApiJob>> waiting = std::exchange(m_waiting, {});
    if (!waiting.isEmpty())
        qCWarning(lcApi) << "token refresh failed:" << ProcoreError::kindName(error.kind)
                         << error.detail << "-" << waiting.size() << "waiting requests fail";
    for (const QPointer<ApiJob> &job : waiting) {
        if (job)
            job->failWithoutSending(error);
    }
}
