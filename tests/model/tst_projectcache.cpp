#include "common/utc.h"
#include "model/projectcache.h"

#include <QDirIterator>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

QList<Project> sample(int n)
{
    QList<Project> out;
    for (int i = 1; i <= n; ++i) {
        Project p;
        p.id = 4294967296LL + i;
        p.name = QStringLiteral("Project %1").arg(i);
        p.city = QStringLiteral("Köln");
        p.active = i % 2 == 0;
        p.stageId = 2;
        p.stageName = QStringLiteral("Bidding");
        p.updatedAt = QDateTime(QDate(2024, 3, 1), QTime(9, 30), Utc::zone);
        p.companyId = 42;
        p.companyName = QStringLiteral("Acme");
        out.append(p);
    }
    return out;
}

const QString Env = QStringLiteral("https://api.procore.com");
const QDateTime Synced(QDate(2024, 5, 6), QTime(8, 42, 0, 5), Utc::zone);

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class TestProjectCache final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTrip();
    void keyedByEnvironmentAndCompany();
    void corruptFilesIgnored_data();
    void corruptFilesIgnored();
    void foreignFileIgnored();
    void clearAll();
    void defaultDirectoryIsAppData();
    void filesAreOwnerOnly();
};

void TestProjectCache::roundTrip()
{
    QTemporaryDir dir;
    ProjectCache cache(dir.path());
    QVERIFY(!cache.load(Env, 42));
    const QList<Project> projects = sample(250);
    QString error;
    QVERIFY2(cache.save(Env, 42, QStringLiteral("Acme"), projects, Synced, &error),
             qPrintable(error));
    const auto entry = cache.load(Env, 42);
    QVERIFY(entry);
    QCOMPARE(entry->projects, projects);
    QCOMPARE(entry->syncedAt, Synced);
    QCOMPARE(entry->syncedAt.timeSpec(), Qt::UTC);
    QCOMPARE(entry->companyName, QStringLiteral("Acme"));

    // Rewriting replaces (atomically) and leaves no temporary file behind.
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(3), Synced.addSecs(60)));
    QCOMPARE(cache.load(Env, 42)->projects.size(), 3);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestProjectCache::keyedByEnvironmentAndCompany()
{
    QTemporaryDir dir;
    ProjectCache cache(dir.path());
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(2), Synced));
    QVERIFY(cache.save(QStringLiteral("https://sandbox.procore.com"), 42, QStringLiteral("Acme"),
                       sample(5), Synced));
    QVERIFY(cache.save(Env, 43, QStringLiteral("Other"), sample(7), Synced));
    QCOMPARE(cache.load(Env, 42)->projects.size(), 2);
    QCOMPARE(cache.load(QStringLiteral("https://sandbox.procore.com"), 42)->projects.size(), 5);
    QCOMPARE(cache.load(Env, 43)->projects.size(), 7);
    QVERIFY(!cache.load(Env, 44));
    QVERIFY(cache.remove(Env, 43));
    QVERIFY(!cache.load(Env, 43));
    QVERIFY(cache.load(Env, 42));
}

void TestProjectCache::corruptFilesIgnored_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"format":"procore-desktop-project-cache","vers)");
    QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe garbage", 14);
    QTest::newRow("array") << QByteArray("[1,2,3]");
    QTest::newRow("wrong format") << QByteArray(R"({"format":"other","version":1})");
    QTest::newRow("future version")
        << QByteArray(R"({"format":"procore-desktop-project-cache","version":99,)"
                      R"("environment":"https://api.procore.com","companyId":42,)"
                      R"("syncedAt":"2024-05-06T08:42:00Z","projects":[]})");
    QTest::newRow("no sync time") << QByteArray(
        R"({"format":"procore-desktop-project-cache","version":1,)"
        R"("environment":"https://api.procore.com","companyId":42,"projects":[]})");
    QTest::newRow("projects not array")
        << QByteArray(R"({"format":"procore-desktop-project-cache","version":1,)"
                      R"("environment":"https://api.procore.com","companyId":42,)"
                      R"("syncedAt":"2024-05-06T08:42:00Z","projects":{}})");
    QTest::newRow("bad project") << QByteArray(
        R"({"format":"procore-desktop-project-cache","version":1,)"
        R"("environment":"https://api.procore.com","companyId":42,)"
        R"("syncedAt":"2024-05-06T08:42:00Z","projects":[{"id":"x"}]})");
}

void TestProjectCache::corruptFilesIgnored()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    ProjectCache cache(dir.path());
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(1), Synced));
    writeRaw(cache.filePath(Env, 42), content);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("project cache: ignoring")));
    QVERIFY(!cache.load(Env, 42));
    // The next sync overwrites it.
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(2), Synced));
    QCOMPARE(cache.load(Env, 42)->projects.size(), 2);
}

void TestProjectCache::foreignFileIgnored()
{
    // A file of company 43 copied over company 42's name must not show 43's projects.
    QTemporaryDir dir;
    ProjectCache cache(dir.path());
    QVERIFY(cache.save(Env, 43, QStringLiteral("Other"), sample(4), Synced));
    QVERIFY(QFile::copy(cache.filePath(Env, 43), cache.filePath(Env, 42)));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("another environment")));
    QVERIFY(!cache.load(Env, 42));
}

void TestProjectCache::clearAll()
{
    QTemporaryDir dir;
    ProjectCache cache(dir.path() + QStringLiteral("/cache"));
    QVERIFY(cache.clearAll()); // nothing there yet
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(2), Synced));
    QVERIFY(cache.save(QStringLiteral("http://127.0.0.1:9"), 7, QStringLiteral("Test"), sample(2),
                       Synced));
    writeRaw(cache.filePath(Env, 42) + QStringLiteral(".Ab12Cd"), "leftover of a crashed write");
    writeRaw(cache.directory() + QStringLiteral("/unrelated.txt"), "not ours");
    QVERIFY(cache.clearAll());
    QVERIFY(!cache.load(Env, 42));
    QVERIFY(!cache.load(QStringLiteral("http://127.0.0.1:9"), 7));
    QCOMPARE(QDir(cache.directory()).entryList(QDir::Files), QStringList({"unrelated.txt"}));
}

void TestProjectCache::defaultDirectoryIsAppData()
{
    ProjectCache cache;
    QVERIFY(cache.directory().startsWith(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    // No token ever goes into the cache: the file holds project data only.
    QTemporaryDir dir;
    ProjectCache other(dir.path());
    QVERIFY(other.save(Env, 42, QStringLiteral("Acme"), sample(2), Synced));
    QFile file(other.filePath(Env, 42));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains("token"));
    QVERIFY(!bytes.contains("Bearer"));
}

// Project names and addresses of the user's companies: 0600 in a 0700 folder, whatever the
// umask, for a new file and for one that was readable by others before.
void TestProjectCache::filesAreOwnerOnly()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("project-cache"));
    ProjectCache cache(folder);
    const mode_t before = ::umask(022);
    auto restore = qScopeGuard([before] { ::umask(before); });
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(3), Synced));
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                        QFile::WriteOther | QFile::ExeOther;
    const QString file = cache.filePath(Env, 42);
    QCOMPARE(QFileInfo(file).permissions() & others, QFileDevice::Permissions());
    QCOMPARE(QFileInfo(folder).permissions() & others, QFileDevice::Permissions());
    QVERIFY(QFile::setPermissions(file, QFile::permissions(file) | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(folder, QFile::permissions(folder) | QFile::ExeOther));
    QVERIFY(cache.save(Env, 42, QStringLiteral("Acme"), sample(4), Synced));
    QCOMPARE(QFileInfo(file).permissions() & others, QFileDevice::Permissions());
    QCOMPARE(QFileInfo(folder).permissions() & others, QFileDevice::Permissions());
}

QTEST_GUILESS_MAIN(TestProjectCache)
#include "tst_projectcache.moc"
