// ApiErrors: every answer the network or Procore's API gives maps to one kind, with words a
// person can act on, the status kept for logs, and the detail passed through.
#include "api/apierrors.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QtTest>

class TestApiErrors final : public QObject
{
    Q_OBJECT
private slots:
    void mapping_data();
    void mapping();
    void forbiddenNamesTheCompany();
    void rateLimitSaysWhen();
    void bodySnippet_data();
    void bodySnippet();
    void parseJson_data();
    void parseJson();
};

void TestApiErrors::mapping_data()
{
    using E = QNetworkReply::NetworkError;
    using K = ProcoreError::Kind;
    const QString detail = QStringLiteral("GET /rest/v1.0/me");
    QTest::addColumn<ProcoreError>("error");
    QTest::addColumn<ProcoreError::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::newRow("offline") << ApiErrors::network(E::ConnectionRefusedError, detail) << K::Offline
                             << 0;
    QTest::newRow("dropped") << ApiErrors::network(E::RemoteHostClosedError, detail) << K::Offline
                             << 0;
    QTest::newRow("no such host") << ApiErrors::network(E::HostNotFoundError, detail) << K::Offline
                                  << 0;
    QTest::newRow("TLS") << ApiErrors::network(E::SslHandshakeFailedError, detail) << K::Offline
                         << 0;
    QTest::newRow("proxy unreachable")
        << ApiErrors::network(E::ProxyConnectionRefusedError, detail) << K::Offline << 0;
    QTest::newRow("network timeout")
        << ApiErrors::network(E::TimeoutError, detail) << K::Timeout << 0;
    QTest::newRow("proxy timeout")
        << ApiErrors::network(E::ProxyTimeoutError, detail) << K::Timeout << 0;
    QTest::newRow("proxy credentials")
        << ApiErrors::network(E::ProxyAuthenticationRequiredError, detail) << K::ProxyAuth << 407;
    QTest::newRow("timeout") << ApiErrors::timeout(detail) << K::Timeout << 0;
    QTest::newRow("sign in") << ApiErrors::signInNeeded(detail) << K::SignInNeeded << 401;
    QTest::newRow("forbidden") << ApiErrors::forbidden({}, detail) << K::Forbidden << 403;
    QTest::newRow("forbidden, company")
        << ApiErrors::forbidden(QStringLiteral("Acme"), detail) << K::Forbidden << 403;
    QTest::newRow("not found") << ApiErrors::notFound(detail) << K::NotFound << 404;
    QTest::newRow("server") << ApiErrors::serverError(502, detail) << K::ServerError << 502;
    QTest::newRow("refused") << ApiErrors::refused(422, detail) << K::ServerError << 422;
    QTest::newRow("rate") << ApiErrors::rateLimited(QDateTime::currentDateTimeUtc(), detail)
                          << K::RateLimited << 429;
    QTest::newRow("rate, no time") << ApiErrors::rateLimited({}, detail) << K::RateLimited << 429;
    QTest::newRow("bad data") << ApiErrors::badData(detail) << K::BadData << 0;
    QTest::newRow("redirected") << ApiErrors::redirectedElsewhere(detail) << K::ServerError << 0;
}

void TestApiErrors::mapping()
{
    QFETCH(ProcoreError, error);
    QFETCH(ProcoreError::Kind, kind);
    QFETCH(int, status);
    QCOMPARE(error.kind, kind);
    QVERIFY(error.isError());
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.detail, QStringLiteral("GET /rest/v1.0/me"));
    // Words a person can act on, never a bare status code.
    QVERIFY2(error.message.size() > 20, qPrintable(error.message));
    QVERIFY(!error.message.contains(QRegularExpression(QStringLiteral("\\b[45]\\d\\d\\b"))));
}

void TestApiErrors::forbiddenNamesTheCompany()
{
    const ProcoreError error = ApiErrors::forbidden(QStringLiteral("Acme"), {});
    QVERIFY(error.message.contains(QLatin1String("Acme")));
    QVERIFY(!ApiErrors::forbidden({}, {}).message.contains(QLatin1String("Acme")));
}

void TestApiErrors::rateLimitSaysWhen()
{
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(600);
    const QString time = QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat);
    QVERIFY(ApiErrors::rateLimited(at, {}).message.contains(time));
}

void TestApiErrors::bodySnippet_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << QByteArray("{\"errors\": \"no\"}")
                           << QStringLiteral("{\"errors\": \"no\"}");
    QTest::newRow("whitespace folded") << QByteArray("<html>\n  <body>\tdown\n</body>")
                                       << QStringLiteral("<html> <body> down </body>");
    QTest::newRow("200 bytes, whole") << QByteArray(200, 'x') << QString(200, u'x');
    QTest::newRow("longer, cut") << QByteArray(201, 'x') << QString(200, u'x') + u'…';
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestApiErrors::bodySnippet()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(ApiErrors::bodySnippet(body), expected);
}

void TestApiErrors::parseJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("shape");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("detailStart");
    const int array = QJsonValue::Array;
    const int object = QJsonValue::Object;
    QTest::newRow("array") << QByteArray("[{\"id\":1}]") << array << true << QString();
    QTest::newRow("object") << QByteArray("{\"id\":1}") << object << true << QString();
    QTest::newRow("object for array")
        << QByteArray("{\"id\":1}") << array << false
        << QStringLiteral("/things: not a JSON array (no error occurred): {\"id\":1}");
    QTest::newRow("array for object")
        << QByteArray("[]") << object << false
        << QStringLiteral("/things: not a JSON object (no error occurred): []");
    QTest::newRow("html error page")
        << QByteArray("<html>Bad gateway</html>") << object << false
        << QStringLiteral("/things: not a JSON object (illegal value): <html>Bad gateway</html>");
    QTest::newRow("cut off") << QByteArray("[{\"id\":1},") << array << false
                             << QStringLiteral("/things: not a JSON array (");
    QTest::newRow("empty") << QByteArray() << array << false
                           << QStringLiteral("/things: not a JSON array (");
    QTest::newRow("a bare number")
        << QByteArray("42") << object << false << QStringLiteral("/things: not a JSON object (");
}

void TestApiErrors::parseJson()
{
    QFETCH(QByteArray, body);
    QFETCH(int, shape);
    QFETCH(bool, ok);
    QFETCH(QString, detailStart);
    QJsonDocument document;
    const ProcoreError error = ApiErrors::parseJson(body, static_cast<QJsonValue::Type>(shape),
                                                    QStringLiteral("/things"), &document);
    QCOMPARE(error.isError(), !ok);
    if (ok) {
        QCOMPARE(document.toJson(QJsonDocument::Compact), body);
        return;
    }
    QCOMPARE(error.kind, ProcoreError::Kind::BadData);
    QVERIFY2(error.detail.startsWith(detailStart), qPrintable(error.detail));
    QVERIFY(!error.message.isEmpty());
}

QTEST_GUILESS_MAIN(TestApiErrors)
#include "tst_apierrors.moc"
