// Which company opens first: the one rule the window (Session) and the terminal mode
// (CliRunner) share, with its settings key per environment.
#include "session/companymemory.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TestCompanyMemory final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void choose_data();
    void choose();
    void perEnvironment();
};

namespace {
Company company(qint64 id, bool active, bool mine)
{
    Company c;
    c.id = id;
    c.name = QStringLiteral("Company %1").arg(id);
    c.isActive = active;
    c.myCompany = mine;
    return c;
}

const QList<Company> kCompanies{company(1, false, true), company(2, true, false),
                                company(3, true, true), company(4, true, true)};
} // namespace

void TestCompanyMemory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_companymemory"));
}

void TestCompanyMemory::init()
{
    QSettings().clear();
}

void TestCompanyMemory::choose_data()
{
    QTest::addColumn<QList<Company>>("companies");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<QList<qint64>>("withoutApp");
    QTest::addColumn<QList<qint64>>("preferred");
    QTest::addColumn<qint64>("chosen");
    using Ids = QList<qint64>;
    QTest::newRow("none") << QList<Company>{} << 0LL << Ids{} << Ids{5} << 0LL;
    QTest::newRow("own active") << kCompanies << 0LL << Ids{} << Ids{} << 3LL;
    QTest::newRow("last choice") << kCompanies << 2LL << Ids{} << Ids{} << 2LL;
    QTest::newRow("last choice gone") << kCompanies << 9LL << Ids{} << Ids{} << 3LL;
    QTest::newRow("last choice without app") << kCompanies << 2LL << Ids{2} << Ids{} << 3LL;
    QTest::newRow("own without app") << kCompanies << 0LL << Ids{3} << Ids{} << 4LL;
    QTest::newRow("any active") << kCompanies << 0LL << Ids{3, 4} << Ids{} << 2LL;
    QTest::newRow("any") << kCompanies << 0LL << Ids{2, 3, 4} << Ids{} << 1LL;
    QTest::newRow("all without app") << kCompanies << 0LL << Ids{1, 2, 3, 4} << Ids{} << 1LL;
    QTest::newRow("preferred first") << kCompanies << 2LL << Ids{} << Ids{4, 2} << 4LL;
    QTest::newRow("preferred without app") << kCompanies << 2LL << Ids{4} << Ids{4} << 4LL;
    QTest::newRow("preferred unknown, next") << kCompanies << 2LL << Ids{} << Ids{9, 1} << 1LL;
    QTest::newRow("preferred zero skipped") << kCompanies << 2LL << Ids{} << Ids{0} << 2LL;
}

void TestCompanyMemory::choose()
{
    QFETCH(QList<Company>, companies);
    QFETCH(qint64, last);
    QFETCH(QList<qint64>, withoutApp);
    QFETCH(QList<qint64>, preferred);
    const CompanyMemory memory(QStringLiteral("production"));
    memory.setLastChosen(last);
    for (const qint64 id : std::as_const(withoutApp))
        memory.setHasApp(id, false);
    QTEST(memory.choose(companies, preferred), "chosen");
}

void TestCompanyMemory::perEnvironment()
{
    const CompanyMemory production(QStringLiteral("production"));
    const CompanyMemory sandbox(QStringLiteral("sandbox"));
    production.setLastChosen(2);
    sandbox.setHasApp(3, false);
    QCOMPARE(production.lastChosen(), qint64(2));
    QCOMPARE(sandbox.lastChosen(), qint64(0));
    QCOMPARE(production.withoutApp(), QSet<qint64>{});
    QCOMPARE(sandbox.withoutApp(), QSet<qint64>{3});
    QCOMPARE(QSettings().value(QStringLiteral("session/production/company")).toLongLong(),
             qint64(2));
}

QTEST_GUILESS_MAIN(TestCompanyMemory)
#include "tst_companymemory.moc"
