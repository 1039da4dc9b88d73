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

    static HttpResponse json(int status, const QJsonDocument &document);
    static HttpResponse rawJson(int status, const QByteArray &body);
    // {"errors": message}, the shape of Procore's REST errors.
    static HttpResponse restError(int status, const QString &message);
    static HttpResponse html(int status, const QByteArray &page);
    static HttpResponse redirect(const QByteArray &location);

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    // Status line and headers including Content-Length and the blank line.
    QByteArray head(bool keepAlive) const;
    static QByteArray reasonPhrase(int status);
};
