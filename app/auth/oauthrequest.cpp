#include "oauthrequest.h"

#include "common/appinfo.h"
#include "common/bodylimit.h"
#include "common/logging.h"
#include "common/networkerrors.h"
#include "common/redact.h"
#include "config/clientconfig.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace {

QNetworkRequest baseRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
    request.setRawHeader("Accept", "application/json");
    // Credentials must never follow a redirect to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

} // namespace

QByteArray OAuthRequest::encodeForm(const Form &form)
{
    QByteArray body;
    for (const auto &[key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

OAuthRequest *OAuthRequest::postForm(QNetworkAccessManager *network, const QUrl &url,
                                     const Form &form, int timeoutMs, QObject *parent)
{
    QNetworkRequest request = baseRequest(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray body = encodeForm(form);
    qCDebug(lcAuth).noquote() << "POST" << Redact::url(url);
    return new OAuthRequest(network->post(request, body), timeoutMs, parent);
}

OAuthRequest *OAuthRequest::revoke(QNetworkAccessManager *network, const QUrl &revokeUrl,
                                   const ClientConfig &client, const QString &token, int timeoutMs,
                                   QObject *parent)
{
    const Form form{
        {QStringLiteral("token"), token},
        {QStringLiteral("client_id"), client.clientId},
        {QStringLiteral("client_secret"), client.clientSecret},
    };
    return postForm(network, revokeUrl, form, timeoutMs, parent);
}

OAuthRequest *OAuthRequest::getWithBearer(QNetworkAccessManager *network, const QUrl &url,
                                          const QString &accessToken, int timeoutMs,
                                          QObject *parent)
{
    QNetworkRequest request = baseRequest(url);
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    qCDebug(lcAuth).noquote() << "GET" << Redact::url(url);
    auto *job = new OAuthRequest(network->get(request), timeoutMs, parent);
    job->m_bodyWritten = true; // a GET has no body; once connected the token is out
    return job;
}

OAuthRequest::OAuthRequest(QNetworkReply *reply, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
{
    connect(reply, &QNetworkReply::finished, this, &OAuthRequest::onFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            m_bodyWritten = true;
    });
    // Aborting finishes the reply: onFinished() reports it.
    BodyLimit::watch(reply, MaxBodyBytes, this, [this] { m_tooLarge = true; });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OAuthRequest::onTimeout);
    m_timer.start(timeoutMs);
}

OAuthRequest::~OAuthRequest()
{
    abandon();
}

void OAuthRequest::abandon()
{
    m_timer.stop();
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void OAuthRequest::onTimeout()
{
    m_timedOut = true;
    if (m_reply)
        m_reply->abort(); // finishes with OperationCanceledError -> onFinished()
}

bool OAuthRequest::isAnswer(const QNetworkReply *reply)
{
    // An HTTP error status is an answer; a transport error after the headers (connection
    // dropped mid-body) is not: the body is incomplete.
    // (Qt reports HTTP 4xx/5xx as content, server or ProtocolInvalidOperation errors.)
    const auto code = reply->error();
    const bool httpLevel =
        code == QNetworkReply::NoError ||
        (int(code) >= QNetworkReply::ContentAccessDenied &&
         code != QNetworkReply::ProtocolUnknownError && code != QNetworkReply::ProtocolFailure);
    return httpLevel && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0;
}

bool OAuthRequest::provablyNotSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

ProcoreError OAuthRequest::transportError(QNetworkReply::NetworkError error, bool timedOut,
                                          const QString &detail)
{
    const QString technical = QStringLiteral("network error %1: %2").arg(int(error)).arg(detail);
    using NetworkErrors::Service;
    return timedOut ? NetworkErrors::timeout(technical, Service::SignIn)
                    : NetworkErrors::map(error, technical, Service::SignIn);
}

void OAuthRequest::onFinished()
{
    m_timer.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    disconnect(reply, nullptr, this, nullptr);

    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_tooLarge) {
        m_outcome = Outcome::Answered;
        qCWarning(lcAuth).noquote() << Redact::url(reply->url()) << "answered HTTP" << m_status
                                    << "with more than" << MaxBodyBytes << "bytes; refused";
    } else if (isAnswer(reply) && !m_timedOut) {
        m_outcome = Outcome::Answered;
        m_body = reply->readAll();
    } else {
        const auto error = reply->error();
        const bool notSent = provablyNotSent(error) || (m_timedOut && !m_bodyWritten);
        m_outcome = notSent ? Outcome::NeverSent : Outcome::Lost;
        m_error = transportError(error, m_timedOut, reply->errorString());
        m_status = 0;
        qCInfo(lcAuth).noquote() << Redact::url(reply->url())
                                 << (notSent ? "never reached the server:" : "answer lost:")
                                 << m_error.detail;
    }
    emit finished(this);
}
