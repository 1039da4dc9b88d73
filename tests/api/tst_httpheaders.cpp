#include "api/httpheaders.h"
#include "common/utc.h"

#include <QtTest>

class TestHttpHeaders final : public QObject
{
    Q_OBJECT
private slots:
    void link_data();
    void link();
    void retryDelay_data();
    void retryDelay();
    void count_data();
    void count();
};

void TestHttpHeaders::link_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("next");
    QTest::addColumn<qint64>("lastPage");
    QTest::newRow("procore")
        << QByteArray(
               R"(<https://api.procore.com/rest/v1.1/projects?company_id=1&page=1&per_page=300>; rel="first", )"
               R"(<https://api.procore.com/rest/v1.1/projects?company_id=1&page=2&per_page=300>; rel="next", )"
               R"(<https://api.procore.com/rest/v1.1/projects?company_id=1&page=67&per_page=300>; rel="last")")
        << "https://api.procore.com/rest/v1.1/projects?company_id=1&page=2&per_page=300"
        << qint64(67);
    QTest::newRow("no next")
        << QByteArray(R"(<http://h/p?page=3>; rel="last", <http://h/p?page=2>; rel="prev")")
        << QString() << qint64(3);
    QTest::newRow("unquoted, spaces, case")
        << QByteArray(R"( < http://h/p?page=2 > ;  REL=next ,<http://h/p?page=9>;rel=last)")
        << "http://h/p?page=2" << qint64(9);
    QTest::newRow("several rels") << QByteArray(R"(<http://h/p?page=5>; rel="next last")")
                                  << "http://h/p?page=5" << qint64(5);
    QTest::newRow("empty") << QByteArray() << QString() << qint64(0);
    QTest::newRow("garbage") << QByteArray("next, last; <<>>; rel=") << QString() << qint64(0);
    QTest::newRow("unterminated") << QByteArray(R"(<http://h/p?page=2; rel="next")") << QString()
                                  << qint64(0);
    QTest::newRow("page not a number")
        << QByteArray(R"(<http://h/p?page=x>; rel="last")") << QString() << qint64(0);
}

void TestHttpHeaders::link()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, next);
    QFETCH(qint64, lastPage);
    const auto links = HttpHeaders::parseLink(header);
    QCOMPARE(links.value(QStringLiteral("next")).toString(), next);
    QCOMPARE(HttpHeaders::pageOf(links.value(QStringLiteral("last"))), lastPage);
}

void TestHttpHeaders::retryDelay_data()
{
    const QDateTime now(QDate(2024, 5, 6), QTime(8, 0, 0), Utc::zone);
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QByteArray>("reset");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<qint64>("expectedMs"); // -1: nothing usable
    QTest::newRow("seconds") << QByteArray("2") << QByteArray() << now << qint64(2000);
    QTest::newRow("zero") << QByteArray("0") << QByteArray() << now << qint64(0);
    QTest::newRow("http date") << QByteArray("Mon, 06 May 2024 08:00:30 GMT") << QByteArray() << now
                               << qint64(30000);
    QTest::newRow("http date past")
        << QByteArray("Mon, 06 May 2024 07:00:00 GMT") << QByteArray() << now << qint64(0);
    QTest::newRow("reset only") << QByteArray() << QByteArray::number(now.toSecsSinceEpoch() + 45)
                                << now << qint64(45000);
    QTest::newRow("retry-after wins")
        << QByteArray("1") << QByteArray::number(now.toSecsSinceEpoch() + 45) << now
        << qint64(1000);
    QTest::newRow("reset past") << QByteArray() << QByteArray::number(now.toSecsSinceEpoch() - 5)
                                << now << qint64(0);
    // Hostile sizes are cut to a week before they become milliseconds (issue 11): no overflow
    // into a negative or tiny wait, which would retry at once.
    const qint64 week = qint64(7) * 24 * 3600 * 1000;
    QTest::newRow("huge seconds") << QByteArray("9223372036854775") << QByteArray() << now << week;
    QTest::newRow("max int64 seconds")
        << QByteArray("9223372036854775807") << QByteArray() << now << week;
    QTest::newRow("seconds beyond 64 bits")
        << QByteArray("99999999999999999999999") << QByteArray() << now << week;
    QTest::newRow("a day is kept")
        << QByteArray("86400") << QByteArray() << now << qint64(86400) * 1000;
    QTest::newRow("huge reset") << QByteArray() << QByteArray("9223372036854775807") << now << week;
    QTest::newRow("reset beyond 64 bits")
        << QByteArray() << QByteArray("99999999999999999999999") << now << week;
    QTest::newRow("reset beyond QDateTime")
        << QByteArray() << QByteArray("999999999999999") << now << week;
    QTest::newRow("negative") << QByteArray("-3") << QByteArray() << now << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << QByteArray("later") << now << qint64(-1);
    QTest::newRow("short garbage") << QByteArray("a") << QByteArray() << now << qint64(-1);
    QTest::newRow("none") << QByteArray() << QByteArray() << now << qint64(-1);
}

void TestHttpHeaders::retryDelay()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(QByteArray, reset);
    QFETCH(QDateTime, now);
    QFETCH(qint64, expectedMs);
    const auto delay = HttpHeaders::retryDelayMs(retryAfter, reset, now);
    QCOMPARE(delay.value_or(-1), expectedMs);
}

void TestHttpHeaders::count_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("number") << QByteArray("20000") << qint64(20000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("spaces") << QByteArray(" 12 ") << qint64(12);
    QTest::newRow("negative") << QByteArray("-1") << qint64(-1);
    QTest::newRow("text") << QByteArray("many") << qint64(-1);
    QTest::newRow("absent") << QByteArray() << qint64(-1);
}

void TestHttpHeaders::count()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expected);
    QCOMPARE(HttpHeaders::count(header), expected);
}

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "tst_httpheaders.moc"
