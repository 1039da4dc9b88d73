#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>

// An answer as raw HTTP/1.1, written by EmulatorServer itself so faults can cut it anywhere.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool chunked = false; // sent with Transfer-Encoding: chunked instead of Content-Length

    static HttpResponse json(int status, const QJsonDocument &document);
    static HttpResponse rawJson(int status, const QByteArray &body);
    // {"errors": message}, the shape of Procore's REST errors.
    static HttpResponse restError(int status, const QString &message);
    static HttpResponse html(int status, const QByteArray &page);
    static HttpResponse redirect(const QByteArray &location);

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    // Status line and headers including Content-Length (or Transfer-Encoding) and the blank
    // line.
    QByteArray head(bool keepAlive) const;
    // The body as it goes on the wire: as it is, or in chunks of at most `chunkBytes`.
    QByteArray wireBody(qsizetype chunkBytes = 64 * 1024) const;
    static QByteArray reasonPhrase(int status);
};
