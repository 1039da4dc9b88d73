// Favourites and recent projects in the settings: per environment, user and company, IDs
// only, at most ten recents, forgotten per user on request, and hostile stored values ignored.
#include "session/projectshortlists.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

namespace {
const QString production = QStringLiteral("production");
const QString sandbox = QStringLiteral("https://sandbox.procore.com/");
const QString custom = QStringLiteral("custom:127.0.0.1:4001"); // encodes to "%3A"
} // namespace

class TestProjectShortlists final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void scopesAreSeparate_data();
    void scopesAreSeparate();
    void recentKeepsTheLastTen();
    void forgetUserDropsOnlyThatUser_data();
    void forgetUserDropsOnlyThatUser();
    void storedJunkIsIgnored();
    void nothingIsStoredWithoutAUser();
};

void TestProjectShortlists::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_projectshortlists"));
}

void TestProjectShortlists::init()
{
    QSettings().clear();
}

void TestProjectShortlists::scopesAreSeparate_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<qint64>("user");
    QTest::addColumn<qint64>("company");
    QTest::newRow("other company") << production << qint64(7) << qint64(200);
    QTest::newRow("other user") << production << qint64(8) << qint64(100);
    QTest::newRow("other environment") << sandbox << qint64(7) << qint64(100);
    QTest::newRow("custom environment") << custom << qint64(7) << qint64(100);
}

void TestProjectShortlists::scopesAreSeparate()
{
    QFETCH(QString, environment);
    QFETCH(qint64, user);
    QFETCH(qint64, company);
    {
        ProjectShortlists lists;
        lists.setScope(production, 7, 100);
        QSignalSpy changed(&lists, &ProjectShortlists::changed);
        lists.setFavourite(11, true);
        lists.toggleFavourite(12);
        lists.noteOpened(13);
        QCOMPARE(changed.count(), 3);
        lists.setScope(environment, user, company);
        QVERIFY(lists.favourites().isEmpty());
        QVERIFY(lists.recent().isEmpty());
        lists.setFavourite(99, true);
    }
    // A new run of the app (same settings): each scope finds its own lists again.
    ProjectShortlists again;
    again.setScope(production, 7, 100);
    QCOMPARE(again.favourites(), (QList<qint64>{11, 12}));
    QCOMPARE(again.recent(), QList<qint64>{13});
    again.toggleFavourite(11);
    QCOMPARE(again.favourites(), QList<qint64>{12});
    again.setScope(environment, user, company);
    QCOMPARE(again.favourites(), QList<qint64>{99});
    // Only IDs are stored: nothing but digits under the shortlists group.
    QSettings settings;
    settings.beginGroup(QStringLiteral("shortlists"));
    for (const QString &key : settings.allKeys()) {
        for (const QString &value : settings.value(key).toStringList())
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]+$")).match(value).hasMatch(),
                     qPrintable(value));
    }
}

void TestProjectShortlists::recentKeepsTheLastTen()
{
    ProjectShortlists lists;
    lists.setScope(production, 7, 100);
    for (qint64 id = 1; id <= 12; ++id)
        lists.noteOpened(id);
    lists.noteOpened(5); // opened again: back to the top, not listed twice
    QCOMPARE(lists.recent(), (QList<qint64>{5, 12, 11, 10, 9, 8, 7, 6, 4, 3}));
    QSignalSpy changed(&lists, &ProjectShortlists::changed);
    lists.noteOpened(5);
    QCOMPARE(changed.count(), 0);
}

void TestProjectShortlists::forgetUserDropsOnlyThatUser_data()
{
    QTest::addColumn<QString>("environment");
    QTest::newRow("production") << production;
    QTest::newRow("custom (percent-encoded key)") << custom;
}

void TestProjectShortlists::forgetUserDropsOnlyThatUser()
{
    QFETCH(QString, environment);
    const QString production = environment;
    ProjectShortlists lists;
    lists.setScope(production, 8, 100);
    lists.setFavourite(80, true);
    lists.setScope(production, 7, 200);
    lists.setFavourite(72, true);
    lists.setScope(production, 7, 100);
    lists.setFavourite(71, true);
    lists.noteOpened(71);
    QSignalSpy changed(&lists, &ProjectShortlists::changed);
    lists.forgetUser(production, 7);
    QCOMPARE(changed.count(), 1);
    QVERIFY(lists.favourites().isEmpty());
    QVERIFY(lists.recent().isEmpty());
    lists.setScope(production, 7, 200);
    QVERIFY(lists.favourites().isEmpty());
    lists.setScope(production, 8, 100);
    QCOMPARE(lists.favourites(), QList<qint64>{80});
}

void TestProjectShortlists::storedJunkIsIgnored()
{
    {
        ProjectShortlists lists;
        lists.setScope(sandbox, 7, 100);
        lists.setFavourite(1, true);
    }
    QSettings settings;
    QString key;
    for (const QString &candidate : settings.allKeys()) {
        if (candidate.endsWith(QStringLiteral("/favourites")))
            key = candidate;
    }
    QVERIFY(!key.isEmpty());
    QVERIFY2(!key.contains(QStringLiteral("https://")), "the URL is not split into groups");
    settings.setValue(key,
                      QStringList{QStringLiteral("abc"), QStringLiteral("-5"), QStringLiteral("0"),
                                  QStringLiteral("42"), QStringLiteral("42"),
                                  QStringLiteral("99999999999999999999"), QStringLiteral("43")});
    ProjectShortlists lists;
    lists.setScope(sandbox, 7, 100);
    QCOMPARE(lists.favourites(), (QList<qint64>{42, 43}));
}

void TestProjectShortlists::nothingIsStoredWithoutAUser()
{
    ProjectShortlists lists;
    lists.setScope(production, 0, 100);
    lists.setFavourite(5, true);
    lists.noteOpened(5);
    QVERIFY(lists.favourites().isEmpty());
    QVERIFY(lists.recent().isEmpty());
    QVERIFY(QSettings().allKeys().isEmpty());
}

QTEST_GUILESS_MAIN(TestProjectShortlists)
#include "tst_projectshortlists.moc"
