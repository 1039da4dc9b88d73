// The emulator's drawings over real HTTP: areas and sheets (paged, company-scoped), the
// Procore-host file link that wants the Bearer token and redirects to the storage host, the
// storage host's signatures, ranges, ETag and its count of Authorization headers, the PDFs
// themselves, and the faults: expired links, a dropped file, a revision changed between syncs.
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "pdfsheet.h"
#include "testhttp.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPdfDocument>
#include <QTemporaryFile>
#include <QTest>

class TestEmulatorDrawings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void areasAndSheets();
    void companyRules_data();
    void companyRules();
    void pagedLikeTheRest();
    void fileLinkNeedsTokenAndRedirects();
    void storageServesThePdf();
    void rangesAndItsRefusals_data();
    void rangesAndItsRefusals();
    void forgedAndExpiredSignatures();
    void dropFaultCutsTheFile();
    void reviseChangesTheRevision();
    void storageCountsAuthorizationHeaders();
    void pdfsAreDeterministicAndExact_data();
    void pdfsAreDeterministicAndExact();

private:
    TestHttpReply api(const QString &pathAndQuery, qint64 companyHeader, bool withToken = true);
    QJsonArray sheetsOfFirstArea();
    QString pdfUrlOf(int sheet);
    qint64 companyId(int index) const
    {
        return m_data.value(QStringLiteral("companies")).toArray().at(index).toInteger();
    }
    qint64 m_projectId = 0;

    EmulatorProcess m_emulator;
    EmulatorTokens m_tokens;
    QJsonObject m_data;
    TestHttp m_http;
};

void TestEmulatorDrawings::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--drawing-sheets"), QStringLiteral("30")}),
             qPrintable(m_emulator.errorString()));
    QVERIFY(m_emulator.storageUrl().isValid());
    QVERIFY(m_emulator.storageUrl().port() != m_emulator.apiUrl().port());
    m_tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(m_tokens.ok(), qPrintable(m_tokens.error));
    m_data = m_emulator.data();
    const TestHttpReply projects =
        api(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(companyId(0)), companyId(0));
    QCOMPARE(projects.status, 200);
    m_projectId = projects.json().array().at(0).toObject().value(QStringLiteral("id")).toInteger();
    QVERIFY(m_projectId > 0);
}

TestHttpReply TestEmulatorDrawings::api(const QString &pathAndQuery, qint64 companyHeader,
                                        bool withToken)
{
    TestHttp::Headers headers;
    if (withToken)
        headers.append({"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()});
    if (companyHeader != 0)
        headers.append({"Procore-Company-Id", QByteArray::number(companyHeader)});
    const QUrl url = pathAndQuery.startsWith(u"http")
                         ? QUrl(pathAndQuery)
                         : QUrl(m_emulator.apiUrl().toString() + pathAndQuery);
    return m_http.get(url, headers);
}

QJsonArray TestEmulatorDrawings::sheetsOfFirstArea()
{
    const TestHttpReply areas =
        api(QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(m_projectId), companyId(0));
    const qint64 areaId =
        areas.json().array().at(0).toObject().value(QStringLiteral("id")).toInteger();
    return api(QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings").arg(areaId), companyId(0))
        .json()
        .array();
}

QString TestEmulatorDrawings::pdfUrlOf(int sheet)
{
    return sheetsOfFirstArea()
        .at(sheet)
        .toObject()
        .value(QStringLiteral("current_revision"))
        .toObject()
        .value(QStringLiteral("pdf_url"))
        .toString();
}

void TestEmulatorDrawings::areasAndSheets()
{
    const TestHttpReply areas =
        api(QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(m_projectId), companyId(0));
    QCOMPARE(areas.status, 200);
    QCOMPARE(areas.json().array().size(), 3);
    int sheets = 0;
    QSet<QString> numbers;
    for (const QJsonValue &area : areas.json().array()) {
        const qint64 areaId = area.toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(!area.toObject().value(QStringLiteral("name")).toString().isEmpty());
        const TestHttpReply list =
            api(QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings").arg(areaId), companyId(0));
        QCOMPARE(list.status, 200);
        for (const QJsonValue &value : list.json().array()) {
            const QJsonObject sheet = value.toObject();
            const QJsonObject revision = sheet.value(QStringLiteral("current_revision")).toObject();
            for (const char *key : {"id", "number", "title", "discipline", "obsolete"})
                QVERIFY2(sheet.contains(QLatin1String(key)), key);
            for (const char *key : {"id", "revision_number", "pdf_url", "pdf_size", "updated_at"})
                QVERIFY2(revision.contains(QLatin1String(key)), key);
            const QUrl pdf(revision.value(QStringLiteral("pdf_url")).toString());
            // On the API host, signed: the token goes there, and only there.
            QCOMPARE(pdf.port(), m_emulator.apiUrl().port());
            QVERIFY(pdf.query().contains(QStringLiteral("signature=")));
            numbers.insert(sheet.value(QStringLiteral("number")).toString());
            ++sheets;
        }
    }
    QCOMPARE(sheets, 30);
    QCOMPARE(numbers.size(), 30); // sheet numbers are unique within the project
}

void TestEmulatorDrawings::companyRules_data()
{
    QTest::addColumn<int>("header"); // 0: none, 1: the project's company, 2: another company
    QTest::addColumn<bool>("token");
    QTest::addColumn<int>("status");
    QTest::newRow("right company") << 1 << true << 200;
    QTest::newRow("no company header") << 0 << true << 400;
    QTest::newRow("another company's project") << 2 << true << 404;
    QTest::newRow("no token") << 1 << false << 401;
}

void TestEmulatorDrawings::companyRules()
{
    QFETCH(int, header);
    QFETCH(bool, token);
    QFETCH(int, status);
    const qint64 company = header == 0 ? 0 : companyId(header == 1 ? 0 : 1);
    QCOMPARE(
        api(QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(m_projectId), company, token)
            .status,
        status);
}

void TestEmulatorDrawings::pagedLikeTheRest()
{
    const TestHttpReply areas =
        api(QStringLiteral("/rest/v1.1/projects/%1/drawing_areas").arg(m_projectId), companyId(0));
    const qint64 areaId =
        areas.json().array().at(0).toObject().value(QStringLiteral("id")).toInteger();
    const TestHttpReply first =
        api(QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings?per_page=4").arg(areaId),
            companyId(0));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json().array().size(), 4);
    QCOMPARE(first.header("Total"), QByteArray("10"));
    QVERIFY(first.header("Link").contains("rel=\"next\""));
    const TestHttpReply last =
        api(QStringLiteral("/rest/v1.1/drawing_areas/%1/drawings?per_page=4&page=3").arg(areaId),
            companyId(0));
    QCOMPARE(last.json().array().size(), 2);
    QVERIFY(!last.header("Link").contains("rel=\"next\""));
}

void TestEmulatorDrawings::fileLinkNeedsTokenAndRedirects()
{
    const QString link = pdfUrlOf(0);
    QCOMPARE(api(link, 0, false).status, 401);
    const TestHttpReply redirect = api(link, 0);
    QCOMPARE(redirect.status, 302);
    const QUrl storage(QString::fromLatin1(redirect.header("Location")));
    QCOMPARE(storage.port(), m_emulator.storageUrl().port());
    QVERIFY(storage.query().contains(QStringLiteral("signature=")));
}

void TestEmulatorDrawings::storageServesThePdf()
{
    const QJsonObject revision =
        sheetsOfFirstArea().at(1).toObject().value(QStringLiteral("current_revision")).toObject();
    const TestHttpReply redirect = api(revision.value(QStringLiteral("pdf_url")).toString(), 0);
    const TestHttpReply file = m_http.get(QUrl(QString::fromLatin1(redirect.header("Location"))));
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("Content-Type"), QByteArray("application/pdf"));
    QCOMPARE(file.body.size(), revision.value(QStringLiteral("pdf_size")).toInteger());
    QCOMPARE(file.header("ETag"),
             '"' + QCryptographicHash::hash(file.body, QCryptographicHash::Md5).toHex() + '"');
    QCOMPARE(file.header("Accept-Ranges"), QByteArray("bytes"));
    QVERIFY(file.body.startsWith("%PDF-1.4"));

    QTemporaryFile pdf;
    QVERIFY(pdf.open());
    pdf.write(file.body);
    pdf.close();
    QPdfDocument document;
    QCOMPARE(document.load(pdf.fileName()), QPdfDocument::Error::None);
    QVERIFY(document.pageCount() >= 1);
    const QString number =
        sheetsOfFirstArea().at(1).toObject().value(QStringLiteral("number")).toString();
    QVERIFY2(document.getAllText(0).text().contains(number),
             qPrintable(document.getAllText(0).text()));
}

void TestEmulatorDrawings::rangesAndItsRefusals_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::newRow("from an offset") << QByteArray("bytes=100-") << 206;
    QTest::newRow("a span") << QByteArray("bytes=10-19") << 206;
    QTest::newRow("past the end") << QByteArray("bytes=99999999-") << 416;
    QTest::newRow("two spans") << QByteArray("bytes=0-1,5-6") << 416;
}

void TestEmulatorDrawings::rangesAndItsRefusals()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    const QString link = pdfUrlOf(2);
    const QUrl storage(QString::fromLatin1(api(link, 0).header("Location")));
    const TestHttpReply whole = m_http.get(storage);
    const TestHttpReply part = m_http.get(storage, {{"Range", range}});
    QCOMPARE(part.status, status);
    if (status == 206) {
        const qint64 first = range.mid(6, range.indexOf('-') - 6).toLongLong();
        QCOMPARE(part.body, whole.body.mid(first, part.body.size()));
        QVERIFY(part.header("Content-Range").endsWith('/' + QByteArray::number(whole.body.size())));
    }
}

void TestEmulatorDrawings::forgedAndExpiredSignatures()
{
    const QString link = pdfUrlOf(3);
    const QUrl storage(QString::fromLatin1(api(link, 0).header("Location")));
    QUrl forged = storage;
    forged.setQuery(
        storage.query().replace(QStringLiteral("signature="), QStringLiteral("signature=0")));
    QCOMPARE(m_http.get(forged).status, 403);
    int status = 0;
    m_emulator.control("POST", QStringLiteral("drawings/expire-links"), {}, &status);
    QCOMPARE(status, 200);
    const TestHttpReply expiredBlob = m_http.get(storage);
    QCOMPARE(expiredBlob.status, 403);
    QVERIFY(expiredBlob.body.contains("Request has expired"));
    QCOMPARE(api(link, 0).status, 403); // the listed link too: list again for a fresh one
    const QString fresh = pdfUrlOf(3);
    QCOMPARE(api(fresh, 0).status, 302);
}

void TestEmulatorDrawings::dropFaultCutsTheFile()
{
    const QJsonObject revision =
        sheetsOfFirstArea().at(4).toObject().value(QStringLiteral("current_revision")).toObject();
    const QUrl storage(QString::fromLatin1(
        api(revision.value(QStringLiteral("pdf_url")).toString(), 0).header("Location")));
    QVERIFY(m_emulator.setFault(QJsonObject{{QStringLiteral("kind"), QStringLiteral("drop")},
                                            {QStringLiteral("path"), QStringLiteral("/blobs/")}}));
    const TestHttpReply cut = m_http.get(storage);
    QVERIFY(cut.error != QNetworkReply::NoError);
    QVERIFY(cut.body.size() < revision.value(QStringLiteral("pdf_size")).toInteger());
    QCOMPARE(m_http.get(storage).status, 200); // the fault was for one answer
}

void TestEmulatorDrawings::reviseChangesTheRevision()
{
    const QJsonObject before = sheetsOfFirstArea().at(0).toObject();
    int status = 0;
    const QByteArray answer =
        m_emulator.control("POST", QStringLiteral("drawings/revise"),
                           QJsonDocument(QJsonObject{{QStringLiteral("project_id"), m_projectId},
                                                     {QStringLiteral("count"), 1}})
                               .toJson(),
                           &status);
    QCOMPARE(status, 200);
    QCOMPARE(QJsonDocument::fromJson(answer).object().value(QStringLiteral("revised")).toInt(), 1);
    const QJsonObject after = sheetsOfFirstArea().at(0).toObject();
    const auto revision = [](const QJsonObject &sheet) {
        return sheet.value(QStringLiteral("current_revision")).toObject();
    };
    QCOMPARE(after.value(QStringLiteral("id")), before.value(QStringLiteral("id")));
    QVERIFY(revision(after).value(QStringLiteral("id")) !=
            revision(before).value(QStringLiteral("id")));
    QCOMPARE(revision(after).value(QStringLiteral("revision_number")).toString().toInt(),
             revision(before).value(QStringLiteral("revision_number")).toString().toInt() + 1);
    // The old revision's link is gone with it.
    QCOMPARE(api(revision(before).value(QStringLiteral("pdf_url")).toString(), 0).status, 404);
}

void TestEmulatorDrawings::storageCountsAuthorizationHeaders()
{
    QVERIFY(m_emulator.resetCounters());
    const QString link = pdfUrlOf(5);
    const QUrl storage(QString::fromLatin1(api(link, 0).header("Location")));
    const TestHttpReply clean = m_http.get(storage);
    QCOMPARE(m_emulator.counters().value(QStringLiteral("storageAuthorizationHeaders")).toInt(), 0);
    QCOMPARE(m_emulator.counters().value(QStringLiteral("storageBytesServed")).toInteger(),
             clean.body.size());
    m_http.get(storage, {{"Authorization", "Bearer leaked"}});
    QCOMPARE(m_emulator.counters().value(QStringLiteral("storageAuthorizationHeaders")).toInt(), 1);
}

void TestEmulatorDrawings::pdfsAreDeterministicAndExact_data()
{
    QTest::addColumn<int>("pages");
    QTest::addColumn<int>("bytes");
    QTest::newRow("one page, small") << 1 << 4000;
    QTest::newRow("three pages, 300 KB") << 3 << 300000;
}

void TestEmulatorDrawings::pdfsAreDeterministicAndExact()
{
    QFETCH(int, pages);
    QFETCH(int, bytes);
    PdfSheet::Spec spec{QStringLiteral("S-201"),
                        QStringLiteral("Framing (Level 2)"),
                        QStringLiteral("3"),
                        pages,
                        bytes,
                        7};
    const QByteArray pdf = PdfSheet::make(spec);
    QCOMPARE(pdf.size(), bytes);
    QCOMPARE(PdfSheet::make(spec), pdf);
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(pdf);
    file.close();
    QPdfDocument document;
    QCOMPARE(document.load(file.fileName()), QPdfDocument::Error::None);
    QCOMPARE(document.pageCount(), pages);
    QVERIFY(document.getAllText(pages - 1).text().contains(QStringLiteral("S-201")));
}

QTEST_GUILESS_MAIN(TestEmulatorDrawings)
#include "tst_emulatordrawings.moc"
