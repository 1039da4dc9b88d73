#include "common/utc.h"
#include "model/company.h"
#include "model/project.h"
#include "model/user.h"

#include <QJsonDocument>
#include <QtTest>

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

} // namespace

class TestModelJson final : public QObject
{
    Q_OBJECT
private slots:
    void projectId_data();
    void projectId();
    void projectFields_data();
    void projectFields();
    void projectFullObject();
    void projectRoundTrip();
    void timestampsOutsideIsoYears();
    void userAndCompany_data();
    void userAndCompany();
    void page_data();
    void page();
    void manyPages();
    void listsNameTheBadElement_data();
    void listsNameTheBadElement();
};

void TestModelJson::projectId_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("id");
    QTest::newRow("small") << QByteArray(R"({"id": 7})") << true << qint64(7);
    QTest::newRow("above 2^32") << QByteArray(R"({"id": 4294967297})") << true
                                << qint64(4294967297LL);
    QTest::newRow("above 2^53") << QByteArray(R"({"id": 9007199254740993})") << true
                                << qint64(9007199254740993LL);
    QTest::newRow("int64 max") << QByteArray(R"({"id": 9223372036854775807})") << true
                               << std::numeric_limits<qint64>::max();
    QTest::newRow("whole double") << QByteArray(R"({"id": 12.0})") << true << qint64(12);
    QTest::newRow("fraction") << QByteArray(R"({"id": 12.5})") << false << qint64(0);
    QTest::newRow("negative") << QByteArray(R"({"id": -3})") << false << qint64(0);
    QTest::newRow("zero") << QByteArray(R"({"id": 0})") << false << qint64(0);
    QTest::newRow("beyond int64") << QByteArray(R"({"id": 1e30})") << false << qint64(0);
    QTest::newRow("string") << QByteArray(R"({"id": "42"})") << false << qint64(0);
    QTest::newRow("bool") << QByteArray(R"({"id": true})") << false << qint64(0);
    QTest::newRow("null") << QByteArray(R"({"id": null})") << false << qint64(0);
    QTest::newRow("missing") << QByteArray(R"({"name": "x"})") << false << qint64(0);
    QTest::newRow("object") << QByteArray(R"({"id": {}})") << false << qint64(0);
}

void TestModelJson::projectId()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, id);
    QString error;
    const auto project = Project::fromJson(object(json.constData()), &error);
    QCOMPARE(project.has_value(), ok);
    if (ok) {
        QCOMPARE(project->id, id);
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.contains(QLatin1String("\"id\"")), qPrintable(error));
    }
}

void TestModelJson::projectFields_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorMentions");
    QTest::newRow("only id") << QByteArray(R"({"id":1})") << true << QString();
    QTest::newRow("nulls") << QByteArray(
                                  R"({"id":1,"name":null,"city":null,"active":null,)"
                                  R"("project_stage":null,"company":null,"start_date":null})")
                           << true << QString();
    QTest::newRow("name number") << QByteArray(R"({"id":1,"name":5})") << false << "name";
    QTest::newRow("active string") << QByteArray(R"({"id":1,"active":"yes"})") << false << "active";
    QTest::newRow("city array") << QByteArray(R"({"id":1,"city":["x"]})") << false << "city";
    QTest::newRow("company not object")
        << QByteArray(R"({"id":1,"company":7})") << false << "company";
    QTest::newRow("company bad id")
        << QByteArray(R"({"id":1,"company":{"id":-1,"name":"A"}})") << false << "company.";
    QTest::newRow("stage object name number")
        << QByteArray(R"({"id":1,"project_stage":{"id":2,"name":3}})") << false << "project_stage";
    QTest::newRow("stage as object ok")
        << QByteArray(R"({"id":1,"stage":{"id":2,"name":"Bidding"}})") << true << QString();
    QTest::newRow("date number") << QByteArray(R"({"id":1,"start_date":20240101})") << false
                                 << "start_date";
    QTest::newRow("unreadable date text tolerated")
        << QByteArray(R"({"id":1,"start_date":"soon"})") << true << QString();
    QTest::newRow("timestamp bool")
        << QByteArray(R"({"id":1,"updated_at":false})") << false << "updated_at";
    QTest::newRow("unknown fields ignored")
        << QByteArray(R"({"id":1,"flag":{"deep":[1,2]},"logo":null})") << true << QString();
}

void TestModelJson::projectFields()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, errorMentions);
    QString error;
    const auto project = Project::fromJson(object(json.constData()), &error);
    QCOMPARE(project.has_value(), ok);
    if (!ok)
        QVERIFY2(error.contains(errorMentions) && error.startsWith(QLatin1String("project 1")),
                 qPrintable(error));
}

void TestModelJson::projectFullObject()
{
    const auto p = Project::fromJson(object(R"json({
        "id": 5000000000123, "name": "Tower 9", "display_name": "T-9 - Tower 9",
        "project_number": "T-9", "address": "1 Main St", "city": "Austin", "state_code": "TX",
        "country_code": "US", "zip": "78701", "time_zone": "Central Time (US & Canada)",
        "tz_name": "America/Chicago", "stage": "Course of Construction",
        "project_stage": {"id": 4, "name": "Construction"},
        "phone": "+1 512 555 0100", "active": false, "start_date": "2024-02-29",
        "completion_date": "2026-01-31T00:00:00Z", "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T04:04:05.123-01:00",
        "company": {"id": 8000000000001, "name": "Acme Builders"}})json"));
    QVERIFY(p);
    QCOMPARE(p->id, 5000000000123LL);
    QCOMPARE(p->title(), QStringLiteral("Tower 9"));
    QCOMPARE(p->displayName, QStringLiteral("T-9 - Tower 9"));
    QCOMPARE(p->location(), QStringLiteral("Austin, TX"));
    QCOMPARE(p->stageLabel(), QStringLiteral("Construction"));
    QCOMPARE(p->stage, QStringLiteral("Course of Construction"));
    QCOMPARE(p->stageId, 4);
    QCOMPARE(p->timeZoneLabel(), QStringLiteral("America/Chicago"));
    QCOMPARE(p->timeZone, QStringLiteral("Central Time (US & Canada)"));
    QCOMPARE(p->active, false);
    QCOMPARE(p->startDate, QDate(2024, 2, 29));
    QCOMPARE(p->completionDate, QDate(2026, 1, 31));
    QCOMPARE(p->createdAt, QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Utc::zone));
    QCOMPARE(p->updatedAt, QDateTime(QDate(2024, 1, 2), QTime(5, 4, 5, 123), Utc::zone));
    QCOMPARE(p->updatedAt.timeSpec(), Qt::UTC);
    QCOMPARE(p->companyId, 8000000000001LL);
    QCOMPARE(p->companyName, QStringLiteral("Acme Builders"));

    const auto bare = Project::fromJson(object(R"({"id": 12, "city": "Ulm"})"));
    QVERIFY(bare);
    QVERIFY(bare->active); // Procore always sends it; assume active when it does not
    QCOMPARE(bare->title(), QStringLiteral("Project 12"));
    QCOMPARE(bare->location(), QStringLiteral("Ulm"));
    QVERIFY(bare->timeZoneLabel().isEmpty());
    const auto railsOnly = Project::fromJson(object(R"({"id": 13, "time_zone": "Hawaii"})"));
    QVERIFY(railsOnly);
    QCOMPARE(railsOnly->timeZoneLabel(), QStringLiteral("Hawaii"));
}

void TestModelJson::projectRoundTrip()
{
    Project p;
    p.id = 9007199254740993LL;
    p.name = QStringLiteral("Bridge «Nord»");
    p.projectNumber = QStringLiteral("B-12");
    p.stateCode = QStringLiteral("BW");
    p.tzName = QStringLiteral("Europe/Berlin");
    p.stageId = 3;
    p.stageName = QStringLiteral("Bidding");
    p.active = false;
    p.startDate = QDate(2023, 5, 1);
    p.createdAt = QDateTime(QDate(2023, 5, 1), QTime(8, 0, 0, 250), Utc::zone);
    p.companyId = 77;
    p.companyName = QStringLiteral("Acme");
    const QByteArray wire = QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact);
    const auto back = Project::fromJson(QJsonDocument::fromJson(wire).object());
    QVERIFY(back);
    QCOMPARE(*back, p);
}

// Found by fuzz/fuzz_projectpage: an offset moved these into years ISO 8601 cannot write, so the
// offline copy and --json lost them as "" instead of treating them as unreadable from the start.
void TestModelJson::timestampsOutsideIsoYears()
{
    const auto p = Project::fromJson(object(R"({"id":1,"created_at":"9999-12-31T23:59:59-05:00",
        "updated_at":"0001-01-01T00:00:00+01:00","start_date":"9999-12-31"})"));
    QVERIFY(p);
    QVERIFY(!p->createdAt.isValid());
    QVERIFY(!p->updatedAt.isValid());
    QCOMPARE(p->startDate, QDate(9999, 12, 31));
    const auto back = Project::fromJson(p->toJson());
    QVERIFY(back);
    QCOMPARE(*back, *p);
    // The last instants that still fit stay.
    const auto edge = Project::fromJson(object(R"({"id":1,"created_at":"9999-12-31T18:59:59-05:00",
        "updated_at":"0001-01-01T00:00:00Z"})"));
    QVERIFY(edge);
    QCOMPARE(edge->createdAt, QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Utc::zone));
    QCOMPARE(edge->updatedAt, QDateTime(QDate(1, 1, 1), QTime(0, 0), Utc::zone));
    QCOMPARE(*Project::fromJson(edge->toJson()), *edge);
}

void TestModelJson::userAndCompany_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("isUser");
    QTest::addColumn<bool>("ok");
    QTest::newRow("user") << QByteArray(R"({"id":4294967296,"login":"a@b.c","name":"A"})") << true
                          << true;
    QTest::newRow("user name null")
        << QByteArray(R"({"id":1,"login":"a@b.c","name":null})") << true << true;
    QTest::newRow("user login number") << QByteArray(R"({"id":1,"login":3})") << true << false;
    QTest::newRow("user id string") << QByteArray(R"({"id":"1"})") << true << false;
    QTest::newRow("company") << QByteArray(R"({"id":2,"name":"Acme","is_active":true,)"
                                           R"("logo_url":null,"my_company":true})")
                             << false << true;
    QTest::newRow("company is_active string")
        << QByteArray(R"({"id":2,"is_active":"true"})") << false << false;
    QTest::newRow("company no id") << QByteArray(R"({"name":"Acme"})") << false << false;
}

void TestModelJson::userAndCompany()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, isUser);
    QFETCH(bool, ok);
    QString error;
    const QJsonObject o = object(json.constData());
    const bool parsed =
        isUser ? User::fromJson(o, &error).has_value() : Company::fromJson(o, &error).has_value();
    QCOMPARE(parsed, ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok && isUser)
        QCOMPARE(*User::fromJson(o), *User::fromJson(User::fromJson(o)->toJson()));
    if (ok && !isUser)
        QCOMPARE(*Company::fromJson(o), *Company::fromJson(Company::fromJson(o)->toJson()));
}

void TestModelJson::page_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("errorMentions");
    QTest::newRow("empty") << QByteArray("[]") << 0 << QString();
    QTest::newRow("two") << QByteArray(R"([{"id":1},{"id":2,"name":"B"}])") << 2 << QString();
    QTest::newRow("truncated") << QByteArray(R"([{"id":1},{"id":)") << -1 << "not JSON";
    QTest::newRow("html") << QByteArray("<html>oops</html>") << -1 << "not JSON";
    QTest::newRow("object") << QByteArray(R"({"errors":"nope"})") << -1 << "object";
    QTest::newRow("number in list") << QByteArray(R"([{"id":1},3])") << -1 << "projects[1]";
    QTest::newRow("bad second") << QByteArray(R"([{"id":1},{"id":2.5}])") << -1 << "projects[1]";
}

void TestModelJson::page()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, errorMentions);
    QString error;
    const auto projects = Project::parsePage(json, &error);
    if (count < 0) {
        QVERIFY(!projects);
        QVERIFY2(error.contains(errorMentions), qPrintable(error));
    } else {
        QVERIFY(projects);
        QCOMPARE(projects->size(), count);
    }
}

void TestModelJson::manyPages()
{
    // 20,000 realistic projects in pages of 300, as the paging job parses them (bench-listing
    // measures the speed).
    QList<QByteArray> pages;
    QJsonArray page;
    for (int i = 1; i <= 20000; ++i) {
        Project p;
        p.id = 1000000000LL + i;
        p.name = QStringLiteral("Project %1 Riverside Tower").arg(i);
        p.displayName = QStringLiteral("P-%1 - Project %1").arg(i);
        p.projectNumber = QStringLiteral("P-%1").arg(i);
        p.address = QStringLiteral("%1 Main Street").arg(i);
        p.city = QStringLiteral("Springfield");
        p.stateCode = QStringLiteral("IL");
        p.countryCode = QStringLiteral("US");
        p.zip = QStringLiteral("62701");
        p.timeZone = QStringLiteral("US/Central");
        p.stageId = 2;
        p.stageName = QStringLiteral("Course of Construction");
        p.active = i % 5 != 0;
        p.startDate = QDate(2024, 1, 1);
        p.createdAt = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Utc::zone);
        p.updatedAt = p.createdAt;
        p.companyId = 5;
        p.companyName = QStringLiteral("Acme");
        page.append(p.toJson());
        if (page.size() == 300 || i == 20000) {
            pages.append(QJsonDocument(page).toJson(QJsonDocument::Compact));
            page = QJsonArray();
        }
    }
    qsizetype total = 0;
    for (const QByteArray &bytesOfPage : pages) {
        const auto projects = Project::parsePage(bytesOfPage);
        QVERIFY(projects);
        QCOMPARE(projects->first().id, 1000000000LL + total + 1);
        QCOMPARE(projects->last().city, QStringLiteral("Springfield"));
        total += projects->size();
    }
    QCOMPARE(total, 20000);
}

void TestModelJson::listsNameTheBadElement_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count"); // -1: refused
    QTest::addColumn<QString>("error");
    const QByteArray company = R"({"id":2,"name":"Acme"})";
    const QByteArray project = R"({"id":7,"name":"Tower"})";
    QTest::newRow("companies") << QStringLiteral("companies") << "[" + company + "," + company + "]"
                               << 2 << QString();
    QTest::newRow("companies, a string")
        << QStringLiteral("companies") << "[" + company + R"(,"x"])" << -1
        << QStringLiteral("companies[1] is a string, expected an object");
    QTest::newRow("companies, no id")
        << QStringLiteral("companies") << QByteArray(R"([{"name":"A"}])") << -1
        << QStringLiteral("companies[0]: company: ");
    QTest::newRow("projects, null") << QStringLiteral("projects") << "[" + project + ",null]" << -1
                                    << QStringLiteral("projects[1] is null, expected an object");
    QTest::newRow("projects, bad id")
        << QStringLiteral("projects") << QByteArray(R"([{"id":-1}])") << -1
        << QStringLiteral("projects[0]: project -1: field \"id\"");
    QTest::newRow("empty") << QStringLiteral("projects") << QByteArray("[]") << 0 << QString();
}

void TestModelJson::listsNameTheBadElement()
{
    QFETCH(QString, list);
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, error);
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    QString why;
    const qsizetype parsed =
        list == u"companies" ? Company::listFromJson(array, &why).value_or(QList<Company>()).size()
                             : Project::listFromJson(array, &why).value_or(QList<Project>()).size();
    if (count < 0) {
        QVERIFY2(why.startsWith(error), qPrintable(why));
        QCOMPARE(parsed, 0);
    } else {
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(parsed, count);
    }
}

QTEST_GUILESS_MAIN(TestModelJson)
#include "tst_modeljson.moc"
