// AccountCache: who was signed in and their companies, kept beside the offline project copy so
// an offline start still shows them. Offline, on real files.
#include "session/accountcache.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestAccountCache final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void roundTripPerEnvironment();
    void unusableFilesAreIgnored_data();
    void unusableFilesAreIgnored();
    void ownerOnlyAndCleared();

private:
    static AccountCache::Entry sample();
    std::unique_ptr<QTemporaryDir> m_dir;
};

AccountCache::Entry TestAccountCache::sample()
{
    AccountCache::Entry entry;
    entry.user = User{5368709123, QStringLiteral("demo@example.com"), QStringLiteral("Dana Demo")};
    Company first;
    first.id = 9000;
    first.name = QStringLiteral("Acme <b>Builders</b>");
    first.myCompany = true;
    Company second;
    second.id = 9001;
    second.name = QStringLiteral("Zenith Ltd");
    second.isActive = false;
    entry.companies = {first, second};
    return entry;
}

void TestAccountCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAccountCache::roundTripPerEnvironment()
{
    const AccountCache cache(m_dir->filePath(QStringLiteral("cache")));
    QVERIFY(!cache.load(QStringLiteral("production")));
    QVERIFY(cache.save(QStringLiteral("production"), sample()));
    const auto loaded = cache.load(QStringLiteral("production"));
    QVERIFY(loaded);
    QCOMPARE(loaded->user, sample().user);
    QCOMPARE(loaded->companies, sample().companies);
    // Another environment sees nothing of it.
    QVERIFY(!cache.load(QStringLiteral("sandbox")));
    QVERIFY(cache.filePath(QStringLiteral("production")) !=
            cache.filePath(QStringLiteral("sandbox")));
}

void TestAccountCache::unusableFilesAreIgnored_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("{{{");
    QTest::newRow("other format") << QByteArray(
        R"({"format":"procore-desktop-account-cache","version":2,"environment":"production"})");
    QTest::newRow("other environment") << QByteArray(
        R"({"format":"procore-desktop-account-cache","version":1,"environment":"sandbox","user":{"id":1},"companies":[]})");
    QTest::newRow("user without id") << QByteArray(
        R"({"format":"procore-desktop-account-cache","version":1,"environment":"production","user":{},"companies":[]})");
    QTest::newRow("bad company") << QByteArray(
        R"({"format":"procore-desktop-account-cache","version":1,"environment":"production","user":{"id":1},"companies":[{"id":"x"}]})");
    QTest::newRow("too large") << QByteArray(5 * 1024 * 1024, ' ');
}

void TestAccountCache::unusableFilesAreIgnored()
{
    QFETCH(QByteArray, content);
    const AccountCache cache(m_dir->path());
    QFile file(cache.filePath(QStringLiteral("production")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(!cache.load(QStringLiteral("production")));
}

void TestAccountCache::ownerOnlyAndCleared()
{
    const QString dir = m_dir->filePath(QStringLiteral("cache"));
    const AccountCache cache(dir);
    QVERIFY(cache.save(QStringLiteral("production"), sample()));
    QVERIFY(cache.save(QStringLiteral("sandbox"), sample()));
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                        QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFileInfo(cache.filePath(QStringLiteral("production"))).permissions() & others,
             QFileDevice::Permissions());
    QCOMPARE(QFileInfo(dir).permissions() & others, QFileDevice::Permissions());
    QVERIFY(cache.clearAll());
    QVERIFY(!cache.load(QStringLiteral("production")));
    QVERIFY(!cache.load(QStringLiteral("sandbox")));
    QVERIFY(!QFileInfo::exists(cache.filePath(QStringLiteral("production"))));
}

QTEST_GUILESS_MAIN(TestAccountCache)
#include "tst_accountcache.moc"
