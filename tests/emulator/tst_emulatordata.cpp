// The emulator's building blocks in-process: data generation (determinism, 64-bit IDs, mix,
// speed), serialisation, form decoding, fault specs, the rate-limit window and paging headers.
#include "datagenerator.h"
#include "emulatorflags.h"
#include "fault.h"
#include "formencoding.h"
#include "htmlnames.h"
#include "httpresponse.h"
#include "pagination.h"
#include "projectserializer.h"
#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

static constexpr qint64 twoTo32 = Q_INT64_C(4294967296);
static constexpr qint64 twoTo53 = Q_INT64_C(9007199254740992);

class TestEmulatorData : public QObject
{
    Q_OBJECT

private slots:
    void generationIsFast();
    void sameSeedSameData();
    void idsAreUniqueAnd64Bit();
    void realisticFields();
    void serialisedPagesAreValidAndFast();
    void formDecoding_data();
    void formDecoding();
    void formEncodingRoundTrip();
    void faultFlags_data();
    void faultFlags();
    void rateLimitWindow();
    void linkHeader();
    void htmlNamesFlag();
};

void TestEmulatorData::generationIsFast()
{
    QElapsedTimer timer;
    timer.start();
    const Dataset data = DataGenerator::generate(1, 3, 20000);
    const qint64 elapsed = timer.elapsed();
    qInfo("generated 3 x 20000 projects in %lld ms", elapsed);
    QCOMPARE(data.projectCount(), qsizetype(60000));
    // Well under a second on an idle machine; the bound leaves room for a loaded CI box.
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestEmulatorData::sameSeedSameData()
{
    const Dataset a = DataGenerator::generate(42, 2, 500);
    const Dataset b = DataGenerator::generate(42, 2, 500);
    const Dataset other = DataGenerator::generate(43, 2, 500);
    QList<const Project *> pageA, pageB, pageOther;
    for (int i = 0; i < 500; ++i) {
        pageA.append(&a.projects.at(1).at(i));
        pageB.append(&b.projects.at(1).at(i));
        pageOther.append(&other.projects.at(1).at(i));
    }
    QCOMPARE(ProjectSerializer::array(a, pageA, false), ProjectSerializer::array(b, pageB, false));
    QVERIFY(ProjectSerializer::array(a, pageA, false) !=
            ProjectSerializer::array(other, pageOther, false));
    QCOMPARE(ProjectSerializer::companies(a), ProjectSerializer::companies(b));
}

void TestEmulatorData::idsAreUniqueAnd64Bit()
{
    const Dataset data = DataGenerator::generate(96, 5, 20000);
    QSet<qint64> companies;
    for (const Company &company : data.companies)
        companies.insert(company.id);
    QCOMPARE(companies.size(), 5);
    QVERIFY(data.companies.at(1).id > twoTo32 && data.companies.at(1).id < twoTo53);
    QSet<qint64> projects;
    projects.reserve(100000);
    for (const QList<Project> &list : data.projects) {
        for (int i = 0; i < list.size(); ++i) {
            const qint64 id = list.at(i).id;
            QVERIFY(id > 0 && id < twoTo53);
            QCOMPARE(id > twoTo32, i % 7 == 6);
            projects.insert(id);
        }
    }
    QCOMPARE(projects.size(), 100000);
}

void TestEmulatorData::realisticFields()
{
    const Dataset data = DataGenerator::generate(1, 3, 20000);
    int active = 0;
    QSet<QString> names;
    QSet<QString> states;
    QSet<int> stages;
    for (const Project &project : data.projects.at(0)) {
        active += project.active ? 1 : 0;
        names.insert(project.name);
        states.insert(project.stateCode);
        stages.insert(project.stageIndex);
        QVERIFY(!project.name.isEmpty() && !project.projectNumber.isEmpty() &&
                !project.address.isEmpty());
        QCOMPARE(project.zip.size(), 5);
        QVERIFY(project.completionDay > project.startDay);
        QVERIFY(project.updatedAt >= project.createdAt);
    }
    const double share = active / 20000.0;
    QVERIFY2(share > 0.77 && share < 0.83, qPrintable(QString::number(share)));
    QVERIFY(names.size() > 3000);
    QVERIFY(states.size() >= 10);
    QCOMPARE(stages.size(), data.stages.size());
}

void TestEmulatorData::serialisedPagesAreValidAndFast()
{
    const Dataset data = DataGenerator::generate(1, 3, 20000);
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    QList<QByteArray> pages;
    for (int page = 0; page < 67; ++page) {
        QList<const Project *> items;
        for (int i = page * 300; i < std::min(20000, (page + 1) * 300); ++i)
            items.append(&data.projects.at(1).at(i));
        pages.append(ProjectSerializer::array(data, items, false));
        bytes += pages.last().size();
    }
    qInfo("serialised 67 pages of 300 projects (%lld KiB) in %lld ms", bytes / 1024,
          timer.elapsed());
    qint64 count = 0;
    for (const QByteArray &page : pages) {
        QJsonParseError error;
        const QJsonArray array = QJsonDocument::fromJson(page, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        for (const QJsonValue &value : array) {
            const QJsonObject project = value.toObject();
            QCOMPARE(project.value(QStringLiteral("id")).toInteger(),
                     data.projects.at(1).at(count).id);
            QCOMPARE(project.value(QStringLiteral("name")).toString(),
                     data.projects.at(1).at(count).name);
            ++count;
        }
    }
    QCOMPARE(count, Q_INT64_C(20000));
}

void TestEmulatorData::formDecoding_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("present");
    QTest::newRow("plus is space")
        << QByteArray("a=b+c") << QStringLiteral("a") << QStringLiteral("b c") << true;
    QTest::newRow("encoded plus") << QByteArray("a=b%2Bc") << QStringLiteral("a")
                                  << QStringLiteral("b+c") << true;
    QTest::newRow("utf-8") << QByteArray("s=Z%C3%BCrich") << QStringLiteral("s")
                           << QStringLiteral("Zürich") << true;
    QTest::newRow("brackets") << QByteArray("filters%5Bname%5D=x")
                              << QStringLiteral("filters[name]") << QStringLiteral("x") << true;
    QTest::newRow("empty value") << QByteArray("state=&x=1") << QStringLiteral("state") << QString()
                                 << true;
    QTest::newRow("no equals") << QByteArray("flag&x=1") << QStringLiteral("flag") << QString()
                               << true;
    QTest::newRow("absent") << QByteArray("x=1") << QStringLiteral("state") << QString() << false;
    QTest::newRow("last wins") << QByteArray("a=1&a=2") << QStringLiteral("a")
                               << QStringLiteral("2") << true;
    QTest::newRow("bad escape kept")
        << QByteArray("a=%zz") << QStringLiteral("a") << QStringLiteral("%zz") << true;
    QTest::newRow("equals in value")
        << QByteArray("a=b=c") << QStringLiteral("a") << QStringLiteral("b=c") << true;
}

void TestEmulatorData::formDecoding()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, present);
    bool found = false;
    QCOMPARE(FormEncoding::value(FormEncoding::parse(encoded), key, &found), value);
    QCOMPARE(found, present);
}

void TestEmulatorData::formEncodingRoundTrip()
{
    const QString nasty = QStringLiteral("a+b c&d=e/f?g#h%20i – 東京 \"'<>");
    const QByteArray encoded = FormEncoding::build({{QStringLiteral("state"), nasty}});
    QVERIFY(!encoded.contains(' ') && !encoded.contains('+') && encoded.count('&') == 0);
    QCOMPARE(FormEncoding::value(FormEncoding::parse(encoded), QStringLiteral("state")), nasty);
}

void TestEmulatorData::faultFlags_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("path");
    QTest::newRow("kind only") << QStringLiteral("drop") << true << QStringLiteral("drop") << 1
                               << QStringLiteral("/rest/");
    QTest::newRow("count") << QStringLiteral("5xx:3") << true << QStringLiteral("5xx") << 3
                           << QStringLiteral("/rest/");
    QTest::newRow("always") << QStringLiteral("stall:always") << true << QStringLiteral("stall")
                            << -1 << QStringLiteral("/rest/");
    QTest::newRow("options") << QStringLiteral("503:2,retryAfter=4,path=/oauth/token") << true
                             << QStringLiteral("503") << 2 << QStringLiteral("/oauth/token");
    QTest::newRow("unknown kind") << QStringLiteral("meltdown") << false << QString() << 0
                                  << QString();
    QTest::newRow("bad count") << QStringLiteral("drop:lots") << false << QString() << 0
                               << QString();
    QTest::newRow("zero count") << QStringLiteral("drop:0") << false << QString() << 0 << QString();
    QTest::newRow("bad option") << QStringLiteral("drop,oops") << false << QString() << 0
                                << QString();
    QTest::newRow("unknown option")
        << QStringLiteral("drop,colour=red") << false << QString() << 0 << QString();
    QTest::newRow("too many colons")
        << QStringLiteral("drop:1:2") << false << QString() << 0 << QString();
}

void TestEmulatorData::faultFlags()
{
    QFETCH(QString, flag);
    QFETCH(bool, valid);
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(QString, path);
    QString error;
    const std::optional<Fault> fault = Fault::fromFlag(flag, &error);
    QCOMPARE(fault.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(Fault::kindName(fault->kind), kind);
    QCOMPARE(fault->remaining, count);
    QCOMPARE(fault->pathPrefix, path);
    // What --fault prints into the config survives a second parse unchanged.
    const std::optional<Fault> again = Fault::fromJson(fault->toJson(), &error);
    QVERIFY2(again.has_value(), qPrintable(error));
    QCOMPARE(again->toJson(), fault->toJson());
}

void TestEmulatorData::rateLimitWindow()
{
    RateLimiter limiter;
    limiter.configure(2, 10);
    const qint64 start = Q_INT64_C(1700000000000);
    QVERIFY(limiter.take(start).allowed);
    const RateLimiter::State second = limiter.take(start + 100);
    QVERIFY(second.allowed);
    QCOMPARE(second.remaining, 0);
    QCOMPARE(second.resetAt, start / 1000 + 10);
    QVERIFY(!limiter.take(start + 9999).allowed);
    const RateLimiter::State fresh = limiter.take(start + 10000);
    QVERIFY(fresh.allowed);
    QCOMPARE(fresh.remaining, 1);
}

void TestEmulatorData::linkHeader()
{
    Pagination paging;
    QString error;
    QVERIFY(paging.read(
        FormEncoding::parse("company_id=5&page=2&per_page=10&filters%5Bname%5D=a+b"), &error));
    HttpResponse response;
    paging.addHeaders(&response, 25, QStringLiteral("http://127.0.0.1:9"),
                      QStringLiteral("/rest/v1.0/projects"),
                      FormEncoding::parse("company_id=5&page=2&per_page=10&filters%5Bname%5D=a+b"));
    QCOMPARE(response.header("Total"), QByteArray("25"));
    QCOMPARE(response.header("Per-Page"), QByteArray("10"));
    QCOMPARE(response.header("Link"),
             QByteArray("<http://127.0.0.1:9/rest/v1.0/"
                        "projects?company_id=5&filters%5Bname%5D=a%20b&page=1&per_page=10>; "
                        "rel=\"first\", "
                        "<http://127.0.0.1:9/rest/v1.0/"
                        "projects?company_id=5&filters%5Bname%5D=a%20b&page=1&per_page=10>; "
                        "rel=\"prev\", "
                        "<http://127.0.0.1:9/rest/v1.0/"
                        "projects?company_id=5&filters%5Bname%5D=a%20b&page=3&per_page=10>; "
                        "rel=\"next\", "
                        "<http://127.0.0.1:9/rest/v1.0/"
                        "projects?company_id=5&filters%5Bname%5D=a%20b&page=3&per_page=10>; "
                        "rel=\"last\""));
    Pagination empty;
    QVERIFY(empty.read({}, &error));
    HttpResponse none;
    empty.addHeaders(&none, 0, QStringLiteral("http://h"), QStringLiteral("/p"), {});
    QVERIFY(!none.header("Link").contains("next"));
    QVERIFY(none.header("Link").contains("page=1&per_page=100>; rel=\"last\""));
}

void TestEmulatorData::htmlNamesFlag()
{
    EmulatorConfig config;
    QString message;
    QCOMPARE(EmulatorFlags::parse({QStringLiteral("procore-emulator")}, &config, &message),
             EmulatorFlags::Result::Run);
    QVERIFY(!config.htmlNames);
    QCOMPARE(
        EmulatorFlags::parse({QStringLiteral("procore-emulator"), QStringLiteral("--html-names")},
                             &config, &message),
        EmulatorFlags::Result::Run);
    QVERIFY(config.htmlNames);

    Dataset data = DataGenerator::generate(1, 2, 10);
    const QString plainName = data.projects[1][3].name;
    HtmlNames::apply(&data, &config);
    QCOMPARE(data.projects[1][3].name,
             HtmlNames::projectPrefix() + plainName + QStringLiteral("</b>"));
    QVERIFY(data.projects[0][0].address.startsWith(u"<h1>"));
    QVERIFY(data.companies[1].name.startsWith(u"<u>"));
    QVERIFY(config.users.first().name.startsWith(u"<font"));
}

QTEST_GUILESS_MAIN(TestEmulatorData)
#include "tst_emulatordata.moc"
