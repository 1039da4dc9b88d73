#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

// What a blocking TestHttp call got back.
struct TestHttpReply
{
    int status = 0; // 0 when no HTTP answer arrived
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    bool timedOut = false;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

// Blocking HTTP over a real QNetworkAccessManager for tests (no redirects followed, no
// cookies kept unless the server is given them by hand). Each call runs a local event loop.
//
//   TestHttp http;
//   const TestHttpReply me = http.get(emulator.apiUrl().resolved(QUrl("/rest/v1.0/me")),
//                                     {{"Authorization", "Bearer " + token}});
//   QCOMPARE(me.status, 200);
class TestHttp final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Form = QList<QPair<QString, QString>>;

    explicit TestHttp(int timeoutMs = 10000);
    void setTimeout(int timeoutMs) { m_timeoutMs = timeoutMs; }

    TestHttpReply get(const QUrl &url, const Headers &headers = {});
    TestHttpReply post(const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                       const Headers &headers = {});
    TestHttpReply postForm(const QUrl &url, const Form &form, const Headers &headers = {});
    TestHttpReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const Headers &headers = {});
    // application/x-www-form-urlencoded, every reserved character percent-encoded.
    static QByteArray formBody(const Form &form);

private:
    QNetworkAccessManager m_manager;
    int m_timeoutMs;
};
