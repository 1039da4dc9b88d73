// DrawingStore on disk: the index round trip, indexes it must not trust, which projects are
// kept, stray files, the least-recently-viewed eviction and the wipe.
#include "common/utc.h"
#include "drawings/drawingstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestDrawingStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip();
    void untrustedIndexes_data();
    void untrustedIndexes();
    void keptProjectsPerAccount();
    void straysGoPartsStay();
    void sheetPathNeedsTheRightSize();
    void evictionOrder();
    void clearAll();

private:
    DrawingStore::Key key(qint64 project, qint64 company = 10) const
    {
        return {QStringLiteral("https://api.procore.com"), 1, company, project};
    }
    // A stored project of `count` sheets of `size` bytes each, files written.
    StoredProject write(const DrawingStore::Key &key, int count, qint64 size,
                        const QDateTime &synced = QDateTime::currentDateTimeUtc());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DrawingStore> m_store;
};

void TestDrawingStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<DrawingStore>(m_dir->path() + QStringLiteral("/drawings"));
}

StoredProject TestDrawingStore::write(const DrawingStore::Key &key, int count, qint64 size,
                                      const QDateTime &synced)
{
    StoredProject project;
    project.projectName = QStringLiteral("P%1").arg(key.projectId);
    project.areas = {{7, QStringLiteral("Building A")}};
    project.syncedAt = synced;
    QDir().mkpath(m_store->projectDir(key));
    for (int i = 1; i <= count; ++i) {
        StoredSheet sheet;
        sheet.drawingId = key.projectId * 100 + i;
        sheet.areaId = 7;
        sheet.number = QStringLiteral("A-%1").arg(i);
        sheet.revisionId = sheet.drawingId * 10;
        sheet.size = size;
        QFile file(m_store->projectDir(key) + u'/' +
                   DrawingStore::fileName(sheet.drawingId, sheet.revisionId));
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray(size, 'x'));
        project.sheets.append(sheet);
    }
    m_store->save(key, project);
    return project;
}

void TestDrawingStore::roundTrip()
{
    StoredProject project = write(key(1), 2, 10);
    project.sheets[0].title = QStringLiteral("Floor \"Plan\" / ünïcode");
    project.sheets[0].lastViewed = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Utc::zone);
    project.sheets[1].drawingId = Q_INT64_C(9007199254740993); // above 2^53: kept exactly
    QString error;
    QVERIFY2(m_store->save(key(1), project, &error), qPrintable(error));
    const std::optional<StoredProject> loaded = m_store->load(key(1));
    QVERIFY(loaded);
    QCOMPARE(loaded->projectName, project.projectName);
    QCOMPARE(loaded->areas.size(), 1);
    QCOMPARE(loaded->sheets.size(), 2);
    QCOMPARE(loaded->sheets.at(0).title, project.sheets.at(0).title);
    QCOMPARE(loaded->sheets.at(0).lastViewed, project.sheets.at(0).lastViewed);
    QCOMPARE(loaded->sheets.at(1).drawingId, Q_INT64_C(9007199254740993));
    const QFileDevice::Permissions others(0x0077);
    QCOMPARE(QFile::permissions(m_store->projectDir(key(1)) + QStringLiteral("/sheets.json")) &
                 others,
             QFileDevice::Permissions());
}

void TestDrawingStore::untrustedIndexes_data()
{
    QTest::addColumn<QByteArray>("index");
    QTest::newRow("garbage") << QByteArray("\x00\xff not json");
    QTest::newRow("another version") << QByteArray(R"({"version":2,"project":"1","sheets":[]})");
    QTest::newRow("another project's") << QByteArray(R"({"version":1,"project":"2","sheets":[]})");
}

void TestDrawingStore::untrustedIndexes()
{
    QFETCH(QByteArray, index);
    QDir().mkpath(m_store->projectDir(key(1)));
    QFile file(m_store->projectDir(key(1)) + QStringLiteral("/sheets.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(index);
    file.close();
    QVERIFY(!m_store->load(key(1)));
}

void TestDrawingStore::keptProjectsPerAccount()
{
    write(key(1), 1, 5);
    write(key(2), 1, 5);
    write(key(3, 11), 1, 5); // another company
    QList<qint64> kept = m_store->keptProjects(key(0));
    std::sort(kept.begin(), kept.end());
    QCOMPARE(kept, (QList<qint64>{1, 2}));
    QVERIFY(m_store->removeProject(key(2)));
    QCOMPARE(m_store->keptProjects(key(0)), QList<qint64>{1});
}

void TestDrawingStore::straysGoPartsStay()
{
    const StoredProject project = write(key(1), 2, 5);
    const QString dir = m_store->projectDir(key(1));
    QFile(dir + QStringLiteral("/101-999.pdf")).open(QIODevice::WriteOnly); // an old revision
    QFile(dir + QStringLiteral("/102-1020.pdf.part")).open(QIODevice::WriteOnly);
    m_store->removeStrays(key(1), project);
    QVERIFY(!QFile::exists(dir + QStringLiteral("/101-999.pdf")));
    QVERIFY(QFile::exists(dir + QStringLiteral("/102-1020.pdf.part")));
    QCOMPARE(QDir(dir).entryList({QStringLiteral("*.pdf")}).size(), 2);
}

void TestDrawingStore::sheetPathNeedsTheRightSize()
{
    StoredProject project = write(key(1), 1, 5);
    QVERIFY(!m_store->sheetPath(key(1), project.sheets.at(0)).isEmpty());
    project.sheets[0].size = 6; // the file on disk is not the one the index describes
    QVERIFY(m_store->sheetPath(key(1), project.sheets.at(0)).isEmpty());
}

void TestDrawingStore::evictionOrder()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    write(key(1), 4, 100, now.addDays(-2)); // synced long ago, never viewed
    write(key(2), 4, 100, now.addDays(-1));
    const StoredProject viewed = *m_store->load(key(1));
    m_store->markViewed(key(1), viewed.sheets.at(0).drawingId, now);
    write(key(3), 4, 100, now); // the project just synced
    QCOMPARE(m_store->totalBytes(), 1200);
    QCOMPARE(m_store->evictTo(700, key(3)), 5);
    QCOMPARE(m_store->totalBytes(), 700);
    // Project 1's three unviewed sheets went first, then project 2's oldest two.
    QCOMPARE(m_store->load(key(1))->sheets.size(), 1);
    QCOMPARE(m_store->load(key(1))->sheets.at(0).drawingId, viewed.sheets.at(0).drawingId);
    QCOMPARE(m_store->load(key(2))->sheets.size(), 2);
    QCOMPARE(m_store->load(key(3))->sheets.size(), 4);
    // Below what the spared project needs: it goes too, rather than break the limit.
    m_store->evictTo(150, key(3));
    QVERIFY(m_store->totalBytes() <= 150);
}

void TestDrawingStore::clearAll()
{
    write(key(1), 2, 5);
    QVERIFY(m_store->clearAll());
    QVERIFY(!QDir(m_store->root()).exists());
    QVERIFY(m_store->clearAll()); // nothing there: fine
}

QTEST_GUILESS_MAIN(TestDrawingStore)
#include "tst_drawingstore.moc"
