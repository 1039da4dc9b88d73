// Drawing areas and sheets from Procore's JSON, treated as hostile: wrong types refuse the
// answer, obsolete sheets and sheets without a current revision are not in the set, and a
// pdf_url that is not a plain http(s) URL is dropped rather than fetched.
#include "model/drawing.h"

#include <QJsonDocument>
#include <QTest>

class TestDrawing : public QObject
{
    Q_OBJECT

private slots:
    void areas_data();
    void areas();
    void drawings_data();
    void drawings();
    void revisionFields();
};

void TestDrawing::areas_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count"); // -1: refused
    QTest::newRow("two") << QByteArray(R"([{"id":1,"name":"A"},{"id":2,"name":null}])") << 2;
    QTest::newRow("empty") << QByteArray("[]") << 0;
    QTest::newRow("id as string") << QByteArray(R"([{"id":"1","name":"A"}])") << -1;
    QTest::newRow("no id") << QByteArray(R"([{"name":"A"}])") << -1;
    QTest::newRow("name as number") << QByteArray(R"([{"id":1,"name":5}])") << -1;
    QTest::newRow("not an object") << QByteArray(R"([1])") << -1;
}

void TestDrawing::areas()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QString why;
    const auto areas = DrawingArea::listFromJson(QJsonDocument::fromJson(json).array(), &why);
    QCOMPARE(areas ? int(areas->size()) : -1, count);
    QCOMPARE(why.isEmpty(), count >= 0);
}

void TestDrawing::drawings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("hasUrl");
    const QByteArray rev =
        R"("current_revision":{"id":9,"revision_number":"2","pdf_url":"URL","pdf_size":10,"updated_at":"2026-01-02T03:04:05Z"})";
    const auto sheet = [&](const QByteArray &extra, const QByteArray &url = "https://x/y.pdf") {
        QByteArray r = rev;
        r.replace("URL", url);
        return "[{\"id\":1,\"number\":\"A-101\",\"title\":\"Plan\",\"discipline\":\"Arch\"," +
               extra + r + "}]";
    };
    QTest::newRow("current") << sheet("") << 1 << true;
    QTest::newRow("obsolete") << sheet(R"("obsolete":true,)") << 0 << false;
    QTest::newRow("no current revision")
        << QByteArray(R"([{"id":1,"number":"A","current_revision":null}])") << 0 << false;
    QTest::newRow("javascript url") << sheet("", "javascript:alert(1)") << 1 << false;
    QTest::newRow("file url") << sheet("", "file:///etc/passwd") << 1 << false;
    QTest::newRow("user info") << sheet("", "https://u:p@x/y.pdf") << 1 << false;
    QTest::newRow("relative") << sheet("", "/y.pdf") << 1 << false;
    QTest::newRow("title as object") << QByteArray(R"([{"id":1,"title":{}}])") << -1 << false;
    QTest::newRow("revision id missing")
        << QByteArray(R"([{"id":1,"current_revision":{"pdf_url":"https://x/y"}}])") << -1 << false;
    QTest::newRow("size as string")
        << QByteArray(
               R"([{"id":1,"current_revision":{"id":2,"pdf_url":"https://x/y","pdf_size":"10"}}])")
        << -1 << false;
}

void TestDrawing::drawings()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(bool, hasUrl);
    QString why;
    const auto list = Drawing::listFromJson(QJsonDocument::fromJson(json).array(), 77, &why);
    QCOMPARE(list ? int(list->size()) : -1, count);
    if (count > 0) {
        QCOMPARE(list->at(0).areaId, 77);
        QCOMPARE(list->at(0).revision.pdfUrl.isValid(), hasUrl);
    }
}

void TestDrawing::revisionFields()
{
    QString why;
    const auto list = Drawing::listFromJson(
        QJsonDocument::fromJson(
            R"([{"id":5,"number":"S-201","title":"Framing","discipline":"Structural","obsolete":false,
                 "current_revision":{"id":6,"revision_number":3,"pdf_url":"https://s/f.pdf",
                 "pdf_size":12345,"updated_at":"2026-01-02T03:04:05Z"}}])")
            .array(),
        1, &why);
    QVERIFY2(list, qPrintable(why));
    const Drawing &d = list->at(0);
    QCOMPARE(d.number, QStringLiteral("S-201"));
    QCOMPARE(d.revision.id, 6);
    QCOMPARE(d.revision.number, QStringLiteral("3")); // a number is taken as text
    QCOMPARE(d.revision.pdfSize, 12345);
    QCOMPARE(d.revision.updatedAt.toSecsSinceEpoch(), 1767323045);
}

QTEST_GUILESS_MAIN(TestDrawing)
#include "tst_drawing.moc"
