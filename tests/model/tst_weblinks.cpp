// The one route table into Procore's web app: each route on the zone host it is given, and
// nothing for a base or an ID that cannot make a link.
#include "model/weblinks.h"

#include <QtTest>

class TestWebLinks final : public QObject
{
    Q_OBJECT
private slots:
    void routes_data();
    void routes();
};

void TestWebLinks::routes_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("route");
    QTest::addColumn<qint64>("company");
    QTest::addColumn<qint64>("project");
    QTest::addColumn<QString>("expected");
    const int project = int(WebLinks::Route::ProjectHome);
    const int company = int(WebLinks::Route::CompanyHome);
    QTest::newRow("project, US zone")
        << "https://us02.procore.com" << project << qint64(8) << qint64(562949953421312)
        << "https://us02.procore.com/562949953421312/project/home";
    QTest::newRow("project, UK zone, trailing slash")
        << "https://uk01.procore.com/" << project << qint64(8) << qint64(42)
        << "https://uk01.procore.com/42/project/home";
    QTest::newRow("company home") << "https://app.procore.com" << company << qint64(4294967297)
                                  << qint64(0) << "https://app.procore.com/4294967297/company/home";
    QTest::newRow("base with a path") << "http://127.0.0.1:4001/web" << project << qint64(1)
                                      << qint64(2) << "http://127.0.0.1:4001/web/2/project/home";
    QTest::newRow("query and fragment dropped")
        << "https://app.procore.com/?x=1#y" << project << qint64(1) << qint64(2)
        << "https://app.procore.com/2/project/home";
    QTest::newRow("no project") << "https://app.procore.com" << project << qint64(1) << qint64(0)
                                << "";
    QTest::newRow("no company") << "https://app.procore.com" << project << qint64(0) << qint64(3)
                                << "";
    QTest::newRow("relative base") << "/somewhere" << project << qint64(1) << qint64(3) << "";
    QTest::newRow("empty base") << "" << company << qint64(1) << qint64(0) << "";
}

void TestWebLinks::routes()
{
    QFETCH(QString, base);
    QFETCH(int, route);
    QFETCH(qint64, company);
    QFETCH(qint64, project);
    QFETCH(QString, expected);
    const QUrl url = WebLinks::url(QUrl(base), WebLinks::Route(route), company, project);
    QCOMPARE(url.toString(), expected);
    QCOMPARE(url.isValid(), !expected.isEmpty());
}

QTEST_GUILESS_MAIN(TestWebLinks)
#include "tst_weblinks.moc"
