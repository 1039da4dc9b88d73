#include "httpresponse.h"

#include <algorithm>

#include <QJsonObject>
#include <QString>

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    return rawJson(status, document.toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::rawJson(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    return response;
}

HttpResponse HttpResponse::restError(int status, const QString &message)
{
    return json(status, QJsonDocument(QJsonObject{{QStringLiteral("errors"), message}}));
}

HttpResponse HttpResponse::html(int status, const QByteArray &page)
{
    HttpResponse response;
    response.status = status;
    response.body = page;
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    return response;
}

HttpResponse HttpResponse::redirect(const QByteArray &location)
{
    const QByteArray escaped = QString::fromUtf8(location).toHtmlEscaped().toUtf8();
    HttpResponse response = html(302, "<html><body>You are being <a href=\"" + escaped +
                                          "\">redirected</a>.</body></html>");
    response.setHeader("Location", location);
    return response;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QByteArray HttpResponse::head(bool keepAlive) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (chunked)
        out += "Transfer-Encoding: chunked\r\n";
    else
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    return out;
}

QByteArray HttpResponse::wireBody(qsizetype chunkBytes) const
{
    if (!chunked)
        return body;
    QByteArray out;
    out.reserve(body.size() + body.size() / chunkBytes * 12 + 16);
    for (qsizetype at = 0; at < body.size(); at += chunkBytes) {
        const qsizetype size = std::min(chunkBytes, body.size() - at);
        out += QByteArray::number(size, 16) + "\r\n";
        out.append(body.constData() + at, size);
        out += "\r\n";
    }
    out += "0\r\n\r\n";
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 431:
        return "Request Header Fields Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Unknown";
    }
}
