#include "links/deeplink.h"

#include <QtTest>

class TestDeepLink final : public QObject
{
    Q_OBJECT
private slots:
    void goodUrls_data();
    void goodUrls();
    void badUrls_data();
    void badUrls();
    void ids_data();
    void ids();
    void roundTrip();
};

void TestDeepLink::goodUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("project");
    QTest::addColumn<qint64>("company");
    QTest::newRow("plain") << "procore-desktop://project/12345" << qint64(12345) << qint64(0);
    QTest::newRow("company") << "procore-desktop://project/12345?company=678" << qint64(12345)
                             << qint64(678);
    QTest::newRow("trailing slash (Chromium adds one)")
        << "procore-desktop://project/12345/" << qint64(12345) << qint64(0);
    QTest::newRow("slash and company")
        << "procore-desktop://project/7/?company=9" << qint64(7) << qint64(9);
    QTest::newRow("above 2^32") << "procore-desktop://project/562949953421312?company=4294967297"
                                << qint64(562949953421312) << qint64(4294967297);
    QTest::newRow("int64 max") << "procore-desktop://project/9223372036854775807"
                               << std::numeric_limits<qint64>::max() << qint64(0);
}

void TestDeepLink::goodUrls()
{
    QFETCH(QString, text);
    QFETCH(qint64, project);
    QFETCH(qint64, company);
    const auto result = DeepLink::fromUrl(text);
    QVERIFY2(result.ok(), qPrintable(result.error.detail));
    QCOMPARE(result.link.projectId, project);
    QCOMPARE(result.link.companyId, company);
}

void TestDeepLink::badUrls_data()
{
    QTest::addColumn<QString>("text");
    const QString p = QStringLiteral("procore-desktop://project/");
    QTest::newRow("empty") << QString();
    QTest::newRow("scheme only") << "procore-desktop:";
    QTest::newRow("no id") << p;
    QTest::newRow("letters") << p + "abc";
    QTest::newRow("digits then letters") << p + "123abc";
    QTest::newRow("zero") << p + "0";
    QTest::newRow("leading zero") << p + "0123";
    QTest::newRow("negative") << p + "-5";
    QTest::newRow("plus sign") << p + "+5";
    QTest::newRow("overflow by one") << p + "9223372036854775808";
    QTest::newRow("overflow 20 digits") << p + "18446744073709551616";
    QTest::newRow("huge number") << p + QString(300, QLatin1Char('9'));
    QTest::newRow("fraction") << p + "12.5";
    QTest::newRow("exponent") << p + "1e5";
    QTest::newRow("hex") << p + "0x1F";
    QTest::newRow("extra segment") << p + "123/456";
    QTest::newRow("tool segment") << p + "123/home";
    QTest::newRow("two slashes") << p + "123//";
    QTest::newRow("dot segment") << p + "../123";
    QTest::newRow("unknown host") << "procore-desktop://company/123";
    QTest::newRow("uppercase host") << "procore-desktop://PROJECT/123";
    QTest::newRow("host with port") << "procore-desktop://project:80/123";
    QTest::newRow("user info") << "procore-desktop://user@project/123";
    QTest::newRow("other scheme") << "https://project/123";
    QTest::newRow("javascript scheme") << "javascript:alert(1)";
    QTest::newRow("file scheme") << "file:///etc/passwd";
    QTest::newRow("missing slashes") << "procore-desktop:project/123";
    QTest::newRow("percent-encoded digit") << p + "%31%32";
    QTest::newRow("percent-encoded slash") << p + "1%2F2";
    QTest::newRow("percent-encoded null") << p + "1%00";
    QTest::newRow("space") << p + "12 34";
    QTest::newRow("leading space") << " " + p + "1234";
    QTest::newRow("newline") << p + "1234\n";
    QTest::newRow("tab") << p + "12\t34";
    QTest::newRow("backslash") << "procore-desktop:\\\\project\\123";
    QTest::newRow("fragment") << p + "123#x";
    QTest::newRow("script text") << p + "<script>alert(1)</script>";
    QTest::newRow("quotes") << p + "123\"onload=\"x";
    QTest::newRow("non-ascii digits") << p + QString::fromUtf8("١٢٣");
    QTest::newRow("fullwidth digits") << p + QString::fromUtf8("１２３");
    QTest::newRow("unknown query key") << p + "123?project=5";
    QTest::newRow("extra query key") << p + "123?company=5&x=1";
    QTest::newRow("empty company") << p + "123?company=";
    QTest::newRow("bad company") << p + "123?company=abc";
    QTest::newRow("zero company") << p + "123?company=0";
    QTest::newRow("negative company") << p + "123?company=-1";
    QTest::newRow("company overflow") << p + "123?company=99999999999999999999";
    QTest::newRow("duplicate company") << p + "123?company=1&company=2";
    QTest::newRow("10 kB string") << p + QString(10 * 1024, QLatin1Char('1'));
    QTest::newRow("10 kB garbage") << QString(10 * 1024, QLatin1Char('x'));
}

void TestDeepLink::badUrls()
{
    QFETCH(QString, text);
    const auto result = DeepLink::fromUrl(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ProcoreError::Kind::Config);
    QVERIFY(!result.error.message.isEmpty());
    QVERIFY(!result.link.isValid());
    QVERIFY2(result.error.message.size() < 300, "the message must not echo a huge input");
}

void TestDeepLink::ids_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("company");
    QTest::addColumn<bool>("ok");
    QTest::newRow("project only") << "42" << QString() << true;
    QTest::newRow("both") << "42"
                          << "7" << true;
    QTest::newRow("bad project") << "4x2" << QString() << false;
    QTest::newRow("empty project") << QString() << QString() << false;
    QTest::newRow("bad company") << "42"
                                 << "-7" << false;
    QTest::newRow("overflow company") << "42"
                                      << "9223372036854775808" << false;
    QTest::newRow("url as id") << "procore-desktop://project/42" << QString() << false;
}

void TestDeepLink::ids()
{
    QFETCH(QString, project);
    QFETCH(QString, company);
    QFETCH(bool, ok);
    const auto result = DeepLink::fromIds(project, company);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(result.link.projectId, project.toLongLong());
}

void TestDeepLink::roundTrip()
{
    const DeepLink link{562949953421312, 4294967297};
    const auto parsed = DeepLink::fromUrl(link.toUrl().toString(QUrl::FullyEncoded));
    QVERIFY(parsed.ok());
    QVERIFY(parsed.link == link);
    QCOMPARE(DeepLink{5}.toUrl().toString(), QStringLiteral("procore-desktop://project/5"));
}

QTEST_GUILESS_MAIN(TestDeepLink)
#include "tst_deeplink.moc"
