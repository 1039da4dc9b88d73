// DrawingSync and OfflineDrawings against the emulator over real HTTP: a project's current set
// onto the disk, nothing fetched again when nothing changed, only the revised sheets when some
// did, a dropped file resumed, an expired link listed again, the token never at the storage
// host, the size limit, cancel, sign-out's wipe, and the stored sheets opening with the
// emulator stopped.
#include "datagenerator.h"
#include "emulatorprocess.h"
#include "emulatortokensource.h"

#include "api/apiclient.h"
#include "drawings/drawingsync.h"
#include "drawings/offlinedrawings.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPdfDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int Sheets = 12;

qint64 counter(const QJsonObject &counters, const QString &prefix)
{
    qint64 total = 0;
    const QJsonObject requests = counters.value(QStringLiteral("requests")).toObject();
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        if (it.key().startsWith(prefix))
            total += it.value().toInteger();
    }
    return total;
}

// Every log line of the suite: a signed URL's signature must never be in one.
QStringList logLines;
QtMessageHandler previousHandler = nullptr;
void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    logLines.append(message);
    previousHandler(type, context, message);
}

QStringList filesUnder(const QString &root, const QStringList &patterns)
{
    QStringList files;
    QDirIterator it(root, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}
} // namespace

class TestDrawingSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void syncStoresTheCurrentSet();
    void secondSyncFetchesNoFile();
    void revisedSheetsOnly();
    void droppedFileResumes_data();
    void droppedFileResumes();
    void expiredLinksAreListedAgain();
    void damagedFileIsRefused();
    void cancelKeepsWhatIsComplete();
    void sizeLimitEvictsLeastRecentlyViewed();
    void clearLeavesNoPdf();
    void storedSheetOpensWithTheEmulatorStopped();

private:
    // One sync of `projectIndex` of the first company into m_root; the summary and error.
    DrawingSync::Summary runSync(int projectIndex, ProcoreError *error = nullptr,
                                 qint64 limit = OfflineDrawings::DefaultLimitBytes,
                                 const std::function<void(DrawingSync *)> &hook = {});
    DrawingStore::Key key(int projectIndex) const
    {
        return {QStringLiteral("emulator"), 5368709123, DataGenerator::companyId(1, 0),
                DataGenerator::projectId(1, 0, projectIndex)};
    }

    EmulatorProcess m_emulator;
    EmulatorTokenSource m_tokens;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
};

void TestDrawingSync::initTestCase()
{
    previousHandler = qInstallMessageHandler(capture);
    QLoggingCategory::setFilterRules(QStringLiteral("procore.*=true"));
    QVERIFY2(m_emulator.start({QStringLiteral("--drawing-sheets"), QString::number(Sheets),
                               QStringLiteral("--drawing-bytes"), QStringLiteral("40000")}),
             qPrintable(m_emulator.errorString()));
    QString error;
    QVERIFY2(m_tokens.signIn(m_emulator, &error), qPrintable(error));
    m_api = std::make_unique<ApiClient>(m_emulator.apiUrl(), &m_tokens, &m_network);
}

void TestDrawingSync::cleanup()
{
    static const QRegularExpression signature(QStringLiteral("signature=[0-9a-f]{6}"));
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!signature.match(line).hasMatch(), qPrintable(line));
    logLines.clear();
}

void TestDrawingSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->path() + QStringLiteral("/drawings");
    QVERIFY(m_emulator.clearFaults());
    QVERIFY(m_emulator.configure({{QStringLiteral("storageIgnoresRanges"), false}}));
    QVERIFY(m_emulator.resetCounters());
}

DrawingSync::Summary TestDrawingSync::runSync(int projectIndex, ProcoreError *error, qint64 limit,
                                              const std::function<void(DrawingSync *)> &hook)
{
    DrawingSync::Options options;
    options.limitBytes = limit;
    options.retryDelayMs = 10;
    auto *sync = new DrawingSync(m_api.get(), &m_network, DrawingStore(m_root), key(projectIndex),
                                 QStringLiteral("Company"), QStringLiteral("Project"), options);
    DrawingSync::Summary summary;
    ProcoreError result;
    bool done = false;
    connect(sync, &DrawingSync::finished, this, [&](const ProcoreError &e) {
        summary = sync->summary();
        result = e;
        done = true;
    });
    if (hook)
        hook(sync);
    sync->start();
    if (!QTest::qWaitFor([&] { return done; }, 120000))
        qWarning("sync did not finish");
    if (error)
        *error = result;
    return summary;
}

void TestDrawingSync::syncStoresTheCurrentSet()
{
    qint64 planned = -1;
    ProcoreError error;
    const DrawingSync::Summary summary =
        runSync(0, &error, OfflineDrawings::DefaultLimitBytes, [&](DrawingSync *sync) {
            connect(sync, &DrawingSync::planned, this, [&](int, qint64 bytes) { planned = bytes; });
        });
    QVERIFY2(!error, qPrintable(error.detail));
    QCOMPARE(summary.sheets, Sheets);
    QCOMPARE(summary.downloaded, Sheets);
    QCOMPARE(summary.unchanged, 0);
    QCOMPARE(summary.plannedBytes, planned);

    const DrawingStore store(m_root);
    const std::optional<StoredProject> project = store.load(key(0));
    QVERIFY(project);
    QCOMPARE(project->sheets.size(), Sheets);
    QCOMPARE(project->areas.size(), 3);
    qint64 bytes = 0;
    for (const StoredSheet &sheet : project->sheets) {
        const QString path = store.sheetPath(key(0), sheet);
        QVERIFY2(!path.isEmpty(), qPrintable(sheet.number));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Md5).toHex(),
                 sheet.md5);
        // 0600 files in 0700 folders: nothing for the group or others.
        const QFileDevice::Permissions others(0x0077);
        QCOMPARE(file.permissions() & others, QFileDevice::Permissions());
        QVERIFY(file.permissions().testFlag(QFileDevice::ReadOwner));
        QCOMPARE(QFile::permissions(QFileInfo(path).path()) & others, QFileDevice::Permissions());
        bytes += sheet.size;
    }
    QCOMPARE(summary.bytes, bytes);
    QCOMPARE(bytes, planned);
    QVERIFY(filesUnder(m_root, {QStringLiteral("*.part")}).isEmpty());

    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counters.value(QStringLiteral("storageBytesServed")).toInteger(), bytes);
    // The token went to the file links on the API host and never to the storage host.
    QCOMPARE(counters.value(QStringLiteral("storageAuthorizationHeaders")).toInt(), 0);
    QCOMPARE(counter(counters, QStringLiteral("api:/files/")), Sheets);
    QCOMPARE(counter(counters, QStringLiteral("storage:/blobs/")), Sheets);
    QVERIFY(counters.value(QStringLiteral("lastAuthorization"))
                .toObject()
                .value(QStringLiteral("storage:/blobs/") +
                       QString::number(project->sheets.at(0).revisionId) + QStringLiteral(".pdf"))
                .toString()
                .isEmpty());
}

void TestDrawingSync::secondSyncFetchesNoFile()
{
    runSync(0);
    QVERIFY(m_emulator.resetCounters());
    const DrawingSync::Summary again = runSync(0);
    QCOMPARE(again.downloaded, 0);
    QCOMPARE(again.unchanged, Sheets);
    QCOMPARE(again.sheets, Sheets);
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counter(counters, QStringLiteral("api:/files/")), 0);
    QCOMPARE(counter(counters, QStringLiteral("storage:")), 0);
    QVERIFY(counter(counters, QStringLiteral("api:/rest/v1.1/drawing_areas/")) > 0);
}

void TestDrawingSync::revisedSheetsOnly()
{
    runSync(1);
    const std::optional<StoredProject> before = DrawingStore(m_root).load(key(1));
    QVERIFY(before);
    int status = 0;
    m_emulator.control("POST", QStringLiteral("drawings/revise"),
                       QJsonDocument(QJsonObject{{QStringLiteral("project_id"), key(1).projectId},
                                                 {QStringLiteral("count"), 2}})
                           .toJson(),
                       &status);
    QCOMPARE(status, 200);
    const DrawingSync::Summary summary = runSync(1);
    QCOMPARE(summary.downloaded, 2);
    QCOMPARE(summary.unchanged, Sheets - 2);
    const std::optional<StoredProject> after = DrawingStore(m_root).load(key(1));
    int changed = 0;
    for (int i = 0; i < Sheets; ++i)
        changed += after->sheets.at(i).revisionId != before->sheets.at(i).revisionId;
    QCOMPARE(changed, 2);
    // The replaced revisions' files are gone; one PDF per sheet is left.
    QCOMPARE(filesUnder(DrawingStore(m_root).projectDir(key(1)), {QStringLiteral("*.pdf")}).size(),
             Sheets);
}

void TestDrawingSync::droppedFileResumes_data()
{
    QTest::addColumn<bool>("rangesWork");
    QTest::newRow("storage honours Range: the rest only") << true;
    QTest::newRow("storage ignores Range: the whole file again") << false;
}

void TestDrawingSync::droppedFileResumes()
{
    QFETCH(bool, rangesWork);
    QVERIFY(m_emulator.configure({{QStringLiteral("storageIgnoresRanges"), !rangesWork}}));
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("drop")},
                                 {QStringLiteral("path"), QStringLiteral("/blobs/")},
                                 {QStringLiteral("count"), 2}}));
    ProcoreError error;
    const DrawingSync::Summary summary = runSync(2, &error);
    QVERIFY2(!error, qPrintable(error.detail));
    QCOMPARE(summary.downloaded, Sheets);
    qint64 stored = 0;
    const std::optional<StoredProject> project = DrawingStore(m_root).load(key(2));
    for (const StoredSheet &sheet : project->sheets)
        stored += sheet.size;
    const qint64 served =
        m_emulator.counters().value(QStringLiteral("storageBytesServed")).toInteger();
    if (rangesWork)
        QCOMPARE(served, stored); // the halves that arrived were not fetched again
    else
        QVERIFY2(served > stored, qPrintable(QStringLiteral("%1 %2").arg(served).arg(stored)));
    QCOMPARE(counter(m_emulator.counters(), QStringLiteral("storage:/blobs/")), Sheets + 2);
}

void TestDrawingSync::expiredLinksAreListedAgain()
{
    // The links listed expire before the first download: every file link answers 403, the
    // sync lists each area again and uses the fresh links.
    ProcoreError error;
    const DrawingSync::Summary summary =
        runSync(3, &error, OfflineDrawings::DefaultLimitBytes, [&](DrawingSync *sync) {
            connect(sync, &DrawingSync::planned, this,
                    [&] { m_emulator.control("POST", QStringLiteral("drawings/expire-links")); });
        });
    QVERIFY2(!error, qPrintable(error.detail));
    QCOMPARE(summary.downloaded, Sheets);
    const QJsonObject counters = m_emulator.counters();
    QCOMPARE(counter(counters, QStringLiteral("api:/files/")), 2 * Sheets);
    QVERIFY(counter(counters, QStringLiteral("api:/rest/v1.1/drawing_areas/")) > 3);
}

void TestDrawingSync::damagedFileIsRefused()
{
    // `malformed` sends half the file as a complete answer: the size check refuses it.
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("malformed")},
                                 {QStringLiteral("path"), QStringLiteral("/blobs/")}}));
    ProcoreError error;
    const DrawingSync::Summary summary = runSync(4, &error);
    QCOMPARE(error.kind, ProcoreError::Kind::BadData);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(summary.downloaded, Sheets - 1);
    QCOMPARE(DrawingStore(m_root).load(key(4))->sheets.size(), Sheets - 1);
    QCOMPARE(filesUnder(m_root, {QStringLiteral("*.pdf")}).size(), Sheets - 1);
    QVERIFY(filesUnder(m_root, {QStringLiteral("*.part")}).isEmpty());
    // The next sync fetches just that one.
    QCOMPARE(runSync(4).downloaded, 1);
}

void TestDrawingSync::cancelKeepsWhatIsComplete()
{
    ProcoreError error;
    runSync(5, &error, OfflineDrawings::DefaultLimitBytes, [&](DrawingSync *sync) {
        connect(sync, &DrawingSync::progress, sync, &DrawingSync::cancel);
    });
    QCOMPARE(error.kind, ProcoreError::Kind::Cancelled);
    const qint64 requestsAtCancel = counter(m_emulator.counters(), QStringLiteral("storage:"));
    QTest::qWait(200); // nothing is left running to make more requests
    QCOMPARE(counter(m_emulator.counters(), QStringLiteral("storage:")), requestsAtCancel);
    const int kept = int(DrawingStore(m_root).load(key(5))->sheets.size());
    QVERIFY(kept < Sheets);
    const DrawingSync::Summary rest = runSync(5);
    QCOMPARE(rest.unchanged, kept);
    QCOMPARE(rest.downloaded, Sheets - kept);
}

void TestDrawingSync::sizeLimitEvictsLeastRecentlyViewed()
{
    runSync(6);
    const DrawingStore store(m_root);
    const qint64 oneProject = store.totalBytes();
    const StoredSheet viewed = store.load(key(6))->sheets.at(3);
    store.markViewed(key(6), viewed.drawingId, QDateTime::currentDateTimeUtc().addSecs(60));
    // Room for one and a half projects: the second sync pushes out the first's unviewed sheets.
    const qint64 limit = oneProject * 3 / 2;
    const DrawingSync::Summary summary = runSync(7, nullptr, limit);
    QVERIFY(summary.evicted > 0);
    QVERIFY(store.totalBytes() <= limit);
    QCOMPARE(store.load(key(7))->sheets.size(), Sheets); // the project just synced is spared
    const QList<StoredSheet> left = store.load(key(6))->sheets;
    QVERIFY(left.size() < Sheets);
    QVERIFY(std::any_of(left.cbegin(), left.cend(),
                        [&](const StoredSheet &s) { return s.drawingId == viewed.drawingId; }));
}

void TestDrawingSync::clearLeavesNoPdf()
{
    OfflineDrawings drawings(m_api.get(), &m_network, QStringLiteral("emulator"), m_root);
    drawings.setAccount(key(8).userId, key(8).companyId, QStringLiteral("Company"));
    QSignalSpy finished(&drawings, &OfflineDrawings::syncFinished);
    drawings.sync(key(8).projectId, QStringLiteral("Project"));
    QVERIFY(finished.wait(60000));
    QVERIFY(drawings.isKept(key(8).projectId));
    QCOMPARE(filesUnder(m_root, {QStringLiteral("*.pdf")}).size(), Sheets);
    drawings.clear();
    QVERIFY(filesUnder(m_dir->path(), {QStringLiteral("*")}).isEmpty());
    QVERIFY(!drawings.isKept(key(8).projectId));
}

void TestDrawingSync::storedSheetOpensWithTheEmulatorStopped()
{
    runSync(9);
    m_emulator.stop();
    OfflineDrawings drawings(m_api.get(), &m_network, QStringLiteral("emulator"), m_root);
    drawings.setAccount(key(9).userId, key(9).companyId, QStringLiteral("Company"));
    const StoredSheet sheet = drawings.stored(key(9).projectId)->sheets.at(0);
    const QString path = drawings.sheetFile(key(9).projectId, sheet.drawingId);
    QVERIFY(!path.isEmpty());
    QPdfDocument document;
    QCOMPARE(document.load(path), QPdfDocument::Error::None);
    QVERIFY(document.pageCount() >= 1);
    QVERIFY(document.getAllText(0).text().contains(sheet.number));
}

QTEST_GUILESS_MAIN(TestDrawingSync)
#include "tst_drawingsync.moc"
