#pragma once

#include "formencoding.h"

#include <QByteArray>
#include <QHash>
#include <QString>

class QHttpServerRequest;

// A request copied out of Qt's parser at once: Qt 6.4 reuses its QHttpServerRequest for the
// next request on the same connection, and answers may be sent later (latency faults).
struct HttpRequest
{
    QString server; // "login" or "api"
    QByteArray method;
    QString path;
    QByteArray rawQuery;
    FormEncoding::Items query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    static HttpRequest fromQt(const QHttpServerRequest &request, const QString &server);

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    QString queryValue(const QString &key, bool *present = nullptr) const;
    // Media type of the body, lower case, without parameters.
    QByteArray contentType() const;
    FormEncoding::Items form() const { return FormEncoding::parse(body); }
    // The token of an "Authorization: Bearer …" header, empty when there is none.
    QString bearerToken() const;
    // "<server>:<path>", the key of every per-path counter.
    QString counterKey() const { return server + u':' + path; }
};
