#include "testhttp.h"

#include "networkwait.h"

#include <QElapsedTimer>
#include <QNetworkRequest>

QByteArray TestHttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

TestHttp::TestHttp(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

TestHttpReply TestHttp::get(const QUrl &url, const Headers &headers)
{
    return send("GET", url, {}, headers);
}

TestHttpReply TestHttp::post(const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                             const Headers &headers)
{
    Headers all = headers;
    all.append({QByteArrayLiteral("Content-Type"), contentType});
    return send("POST", url, body, all);
}

TestHttpReply TestHttp::postForm(const QUrl &url, const Form &form, const Headers &headers)
{
    return post(url, formBody(form), QByteArrayLiteral("application/x-www-form-urlencoded"),
                headers);
}

TestHttpReply TestHttp::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                             const Headers &headers)
{
    QNetworkRequest request(url);
    // Cookies only travel when a test sets them: each call is independent.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = body.isEmpty() && method != "POST"
                               ? m_manager.sendCustomRequest(request, method)
                               : m_manager.sendCustomRequest(request, method, body);
    TestHttpReply result;
    result.timedOut = !NetworkWait::forReply(reply, m_timeoutMs);
    result.elapsedMs = timer.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.errorString = reply->errorString();
    if (reply->isOpen())
        result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    delete reply;
    return result;
}

QByteArray TestHttp::formBody(const Form &form)
{
    QByteArray out;
    for (const auto &[key, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}
