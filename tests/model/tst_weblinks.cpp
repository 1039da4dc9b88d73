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
    void toolsAreInMenuOrderWithSources();
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
    // A project's tools: legacy routes on the project, newer ones under the company.
    using R = WebLinks::Route;
    const QString uk = QStringLiteral("https://uk01.procore.com");
    const QString newer = uk + QStringLiteral("/webclients/host/companies/8/projects/42/tools/");
    QTest::newRow("drawings") << uk << int(R::Drawings) << qint64(8) << qint64(42)
                              << newer + QStringLiteral("drawings");
    QTest::newRow("documents") << uk << int(R::Documents) << qint64(8) << qint64(42)
                               << uk + QStringLiteral("/42/project/documents");
    QTest::newRow("rfis") << uk << int(R::Rfis) << qint64(8) << qint64(42)
                          << uk + QStringLiteral("/42/project/rfi");
    QTest::newRow("submittals") << uk << int(R::Submittals) << qint64(8) << qint64(42)
                                << newer + QStringLiteral("submittals");
    QTest::newRow("daily log") << uk << int(R::DailyLog) << qint64(8) << qint64(42)
                               << uk + QStringLiteral("/42/project/daily_log/list");
    QTest::newRow("photos") << uk << int(R::Photos) << qint64(8) << qint64(42)
                            << uk + QStringLiteral("/42/project/photos");
    QTest::newRow("punch list") << uk << int(R::PunchList) << qint64(8) << qint64(42)
                                << newer + QStringLiteral("punchlist");
    QTest::newRow("directory") << uk << int(R::Directory) << qint64(8) << qint64(42)
                               << uk + QStringLiteral("/42/project/directory");
    QTest::newRow("tool without company")
        << uk << int(R::Drawings) << qint64(0) << qint64(42) << "";
    QTest::newRow("tool without project") << uk << int(R::Photos) << qint64(8) << qint64(0) << "";
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

void TestWebLinks::toolsAreInMenuOrderWithSources()
{
    using R = WebLinks::Route;
    QList<int> order;
    for (const R route : WebLinks::projectTools())
        order.append(int(route));
    const QList<R> expected{R::ProjectHome, R::Drawings, R::Documents, R::Rfis,     R::Submittals,
                            R::DailyLog,    R::Photos,   R::PunchList, R::Directory};
    QList<int> expectedOrder;
    for (const R route : expected)
        expectedOrder.append(int(route));
    QCOMPARE(order, expectedOrder);
    for (const R route : expected + QList<R>{R::CompanyHome})
        QVERIFY2(!WebLinks::source(route).isEmpty(), "every route says where it was seen");
}

QTEST_GUILESS_MAIN(TestWebLinks)
#include "tst_weblinks.moc"
