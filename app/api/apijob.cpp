#include "apijob.h"

#include "apiclient.h"
#include "apierrors.h"
#include "httpheaders.h"

#include "common/bodylimit.h"
#include "common/logging.h"
#include "common/redact.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>

ApiJob::ApiJob(ApiClient *client, const QUrl &url, qint64 companyId, const QString &companyName)
    : QObject(client)
    , m_client(client)
    , m_url(url)
    , m_companyId(companyId)
    , m_companyName(companyName)
{
    m_retryTimer.setSingleShot(true);
    // A coarse timer may fire 5% early; a wait for Retry-After must not.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiJob::resend);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray ApiJob::rawHeader(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

ProcoreError ApiJob::parseBody(const QByteArray &)
{
    return {};
}

void ApiJob::start()
{
    m_clock.start();
    resend();
}

void ApiJob::resend()
{
    if (std::exchange(m_waitingOnLimit, false))
        m_client->setRateLimitWait({});
    if (m_finished)
        return;
    if (m_client->isApiUrl(m_url))
        m_client->requestToken(this, ApiClient::TokenNeed::Current);
    else
        send();
}

void ApiJob::send()
{
    if (m_finished)
        return;
    const QNetworkRequest request = m_client->buildRequest(m_url, m_companyId, &m_usedToken);
    if (m_client->isApiUrl(m_url) && m_usedToken.isEmpty()) {
        finish(ApiErrors::signInNeeded(QStringLiteral("signed out")));
        return;
    }
    ++m_attempts;
    qCDebug(lcApi).noquote() << "GET" << Redact::url(m_url) << "attempt" << m_attempts << "token"
                             << Redact::token(m_usedToken);
    m_reply = m_client->network()->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    // An answer announced too large is refused before its body arrives, one without a length
    // once it grows past the limit; onReplyFinished() reports it.
    BodyLimit::watch(m_reply, m_client->maxBodyBytes(), this, [this] { m_tooLarge = true; });
}

void ApiJob::failWithoutSending(const ProcoreError &error)
{
    if (m_finished)
        return;
    // A refresh that failed for a reason other than the grant (e.g. offline) is passed on as
    // it is; anything unclassified means the tokens are unusable.
    finish(error.isError() ? error : ApiErrors::signInNeeded(QStringLiteral("refresh failed")));
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    if (!reply)
        return;
    reply->deleteLater();
    if (m_finished)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();
    m_status = status;
    if (status != 0 && m_client->isApiUrl(m_url))
        m_client->noteRateLimit(reply->rawHeader("X-Rate-Limit-Remaining"),
                                reply->rawHeader("X-Rate-Limit-Reset"));
    const bool success = status >= 200 && status < 300 && error == QNetworkReply::NoError;
    // Built only when something is wrong or debug logging is on: 67 pages need none of it.
    const auto describe = [&] {
        // One arg() call: a redacted URL holds "%3C", which a chained arg() would replace.
        return QStringLiteral("GET %1 -> %2 %3 (attempt %4, %5 ms)")
            .arg(Redact::url(m_url), QString::number(status),
                 error == QNetworkReply::NoError
                     ? QString()
                     : Redact::networkError(reply->errorString(), m_url),
                 QString::number(m_attempts), QString::number(m_clock.elapsed()));
    };
    qCDebug(lcApi).noquote() << describe();

    if (std::exchange(m_tooLarge, false)) {
        finish(ApiErrors::badData(QStringLiteral("%1: answer larger than %2 bytes")
                                      .arg(describe())
                                      .arg(m_client->maxBodyBytes())));
        return;
    }
    // No HTTP answer, or a success whose body did not arrive whole.
    if (status == 0 || (status >= 200 && status < 300 && !success)) {
        handleNoAnswer(error, describe());
        return;
    }
    m_headers = reply->rawHeaderPairs();
    if (success) {
        m_client->setHasApp(m_companyId, true);
        m_body = reply->readAll();
        const ProcoreError parseError = parseBody(m_body);
        if (parseError.isError()) {
            finish(parseError);
            return;
        }
        const QUrl next = nextUrl();
        if (next.isValid() && m_client->isApiUrl(next)) {
            m_url = next;
            m_retriedAfterUnauthorized = false;
            m_refreshedAhead = false;
            resend();
            return;
        }
        finish({});
        return;
    }
    const QString detail = describe();
    const QString fullDetail =
        detail + QStringLiteral(": ") + ApiErrors::bodySnippet(reply->readAll());
    if (status >= 300 && status < 400) {
        handleRedirect(reply, fullDetail);
        return;
    }
    switch (status) {
    case 401:
        if (!m_client->isApiUrl(m_url)) {
            // Another host wanting credentials says nothing about our Procore sign-in.
            finish(ApiErrors::refused(status, fullDetail));
            return;
        }
        handleUnauthorized(fullDetail);
        return;
    case 403:
        m_client->setHasApp(m_companyId, false);
        finish(ApiErrors::forbidden(m_companyName, fullDetail));
        return;
    case 404:
        finish(ApiErrors::notFound(fullDetail));
        return;
    case 407: // the proxy's answer, not Procore's: nothing to retry without credentials
        finish(ApiErrors::proxyAuthentication(fullDetail));
        return;
    case 429:
    case 503:
        handleWait(status, reply, fullDetail);
        return;
    default:
        break;
    }
    if (status >= 500) {
        if (!retryWithBackoff(fullDetail))
            finish(ApiErrors::serverError(status, fullDetail));
        return;
    }
    finish(ApiErrors::refused(status, fullDetail));
}

void ApiJob::handleUnauthorized(const QString &detail)
{
    // Procore answers 401 (or 403) for a company that has not installed the app, even to a
    // fresh token. So a company's 401 that a refresh did not cure, or any 401 of a company
    // already known to lack the app, is checked against /me, which needs no company.
    const bool suspectCompany =
        m_companyId > 0 &&
        (m_retriedAfterUnauthorized || (!m_checkedToken && !m_client->hasApp(m_companyId)));
    if (suspectCompany) {
        checkToken(detail);
        return;
    }
    if (m_retriedAfterUnauthorized || !m_refreshOn401) {
        finish(ApiErrors::signInNeeded(detail));
        return;
    }
    refreshAndRetry();
}

void ApiJob::refreshAndRetry()
{
    m_retriedAfterUnauthorized = true;
    qCInfo(lcApi).noquote() << "401 for" << Redact::url(m_url) << "- refreshing and retrying";
    m_client->requestToken(this, ApiClient::TokenNeed::AfterUnauthorized);
}

void ApiJob::checkToken(const QString &detail)
{
    m_checkedToken = true;
    qCInfo(lcApi).noquote() << "401 for" << Redact::url(m_url) << "of company" << m_companyId
                            << "- asking /me whether the token is good";
    ApiJob *check = m_client->createGet(QUrl(QStringLiteral("/rest/v1.0/me")), 0, {});
    check->m_refreshOn401 = false;
    m_tokenCheck = check;
    connect(check, &ApiJob::finished, this, [this, detail](const ProcoreError &error) {
        m_tokenCheck.clear();
        if (!error.isError()) {
            qCInfo(lcApi) << "the token is good: company" << m_companyId
                          << "has not installed the app";
            m_client->setHasApp(m_companyId, false);
            ProcoreError notInstalled = ApiErrors::forbidden(m_companyName, detail);
            notInstalled.httpStatus = 401;
            finish(notInstalled);
            return;
        }
        if (error.kind != ProcoreError::Kind::SignInNeeded || m_retriedAfterUnauthorized) {
            finish(error.kind == ProcoreError::Kind::SignInNeeded ? ApiErrors::signInNeeded(detail)
                                                                  : error);
            return;
        }
        refreshAndRetry(); // the token itself was refused: the usual refresh
    });
    check->start();
}

void ApiJob::handleNoAnswer(QNetworkReply::NetworkError error, const QString &detail)
{
    // Our own cancel() disconnects before aborting, so a cancelled reply here is Qt's transfer
    // timeout (Qt 6.4 reports it as OperationCanceledError).
    const bool timedOut =
        error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
    if (timedOut) {
        if (m_timeoutRetries < m_client->retryPolicy().maxTimeoutRetries) {
            ++m_timeoutRetries;
            qCInfo(lcApi).noquote() << "timed out, trying once more:" << detail;
            retryIn(0);
            return;
        }
        finish(ApiErrors::timeout(detail));
        return;
    }
    if (!retryWithBackoff(detail))
        finish(ApiErrors::network(error, detail));
}

void ApiJob::handleRedirect(QNetworkReply *reply, const QString &detail)
{
    // Qt's parsed LocationHeader drops relative references; read the raw value.
    const QUrl location = QUrl::fromEncoded(reply->rawHeader("Location").trimmed());
    const QUrl target = m_url.resolved(location);
    if (location.isValid() && !location.isEmpty() && !m_client->isApiUrl(target) &&
        takeForeignRedirect(target)) {
        finish({});
        return;
    }
    // Only within the API host: anywhere else the token (and the company header) stay home.
    if (location.isEmpty() || !location.isValid() || !m_client->isApiUrl(target) ||
        m_redirects >= m_client->retryPolicy().maxRedirects) {
        qCWarning(lcApi).noquote() << "not following redirect to" << Redact::url(target);
        finish(
            ApiErrors::redirectedElsewhere(detail + QStringLiteral(" to ") + Redact::url(target)));
        return;
    }
    ++m_redirects;
    m_url = target;
    retryIn(0);
}

void ApiJob::handleWait(int status, QNetworkReply *reply, const QString &detail)
{
    const RetryPolicy policy = m_client->retryPolicy();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<qint64> asked = HttpHeaders::retryDelayMs(
        reply->rawHeader("Retry-After"), reply->rawHeader("X-Rate-Limit-Reset"), now);
    if (status == 503 && !asked) {
        // Plain 503 without a hint: like any other 5xx.
        if (!retryWithBackoff(detail))
            finish(ApiErrors::serverError(status, detail));
        return;
    }
    const QDateTime retryAt = asked ? now.addMSecs(*asked) : QDateTime();
    if (m_waits >= policy.maxWaits || (asked && *asked > policy.maxWaitMs)) {
        finish(status == 429 ? ApiErrors::rateLimited(retryAt, detail)
                             : ApiErrors::serverError(status, detail));
        return;
    }
    ++m_waits;
    // Never earlier than asked; a little later, so clients do not return in lockstep.
    const qint64 jitter = QRandomGenerator::global()->bounded(250);
    const qint64 wait =
        asked ? *asked + jitter : std::min<qint64>(policy.maxDelayMs, policy.baseDelayMs) + jitter;
    qCInfo(lcApi).noquote() << status << "- waiting" << wait << "ms before retrying"
                            << Redact::url(m_url);
    if (status == 429) {
        m_waitingOnLimit = true;
        m_client->setRateLimitWait(now.addMSecs(wait));
    }
    retryIn(wait);
}

bool ApiJob::retryWithBackoff(const QString &why)
{
    const RetryPolicy policy = m_client->retryPolicy();
    if (m_retries >= policy.maxRetries)
        return false;
    const qint64 full =
        std::min<qint64>(policy.maxDelayMs, qint64(policy.baseDelayMs) << std::min(m_retries, 20));
    const qint64 wait = full / 2 + QRandomGenerator::global()->bounded(full / 2 + 1);
    ++m_retries;
    qCInfo(lcApi).noquote() << "retry" << m_retries << "of" << policy.maxRetries << "in" << wait
                            << "ms after:" << why;
    retryIn(wait);
    return true;
}

void ApiJob::retryIn(qint64 ms)
{
    m_retryTimer.start(std::chrono::milliseconds(ms));
}

void ApiJob::cancel()
{
    if (m_finished)
        return;
    m_retryTimer.stop();
    if (QNetworkReply *reply = std::exchange(m_reply, nullptr)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finish(ApiErrors::cancelled());
}

void ApiJob::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    if (std::exchange(m_waitingOnLimit, false))
        m_client->setRateLimitWait({});
    if (ApiJob *check = m_tokenCheck.data()) {
        m_tokenCheck.clear();
        check->disconnect(this);
        check->cancel();
    }
    m_error = error;
    if (error.isError() && error.kind != ProcoreError::Kind::Cancelled)
        qCWarning(lcApi).noquote() << ProcoreError::kindName(error.kind) << "-" << error.detail;
    emit finished(error);
    deleteLater();
}
