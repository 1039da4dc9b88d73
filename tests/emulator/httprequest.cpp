#include "httprequest.h"

#include <QHttpServerRequest>
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

static QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

HttpRequest HttpRequest::fromQt(const QHttpServerRequest &request, const QString &server)
{
    HttpRequest copy;
    copy.server = server;
    copy.method = methodName(request.method());
    const QUrl url = request.url();
    copy.path = url.path();
    if (copy.path.isEmpty())
        copy.path = QStringLiteral("/");
    copy.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    copy.query = FormEncoding::parse(copy.rawQuery);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt 6.8 keeps headers in QHttpHeaders (names already in lower case), not a list of pairs.
    const QHttpHeaders &headers = request.headers();
    for (qsizetype i = 0; i < headers.size(); ++i)
        copy.headers.insert(QByteArray(headers.nameAt(i).data(), headers.nameAt(i).size()),
                            headers.valueAt(i).toByteArray());
#else
    for (const auto &[name, value] : request.headers())
        copy.headers.insert(name.toLower(), value);
#endif
    copy.body = request.body();
    return copy;
}

QString HttpRequest::queryValue(const QString &key, bool *present) const
{
    return FormEncoding::value(query, key, present);
}

QByteArray HttpRequest::contentType() const
{
    QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header("authorization").trimmed();
    if (value.size() < 7 || value.left(7).toLower() != "bearer ")
        return {};
    return QString::fromLatin1(value.mid(7).trimmed());
}
