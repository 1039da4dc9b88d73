// The emulator's API server over real HTTP: /me, /companies, the project lists with the
// company-header rule, paging headers over 20,000 projects, filters, 401/403/429 answers.
#include "datagenerator.h"
#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "testhttp.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

static constexpr qint64 twoTo32 = Q_INT64_C(4294967296);
static constexpr qint64 twoTo53 = Q_INT64_C(9007199254740992);

// rel -> URL of an RFC 5988 Link header.
static QHash<QString, QUrl> parseLinks(const QByteArray &header)
{
    QHash<QString, QUrl> links;
    static const QRegularExpression re(QStringLiteral("<([^>]*)>\\s*;\\s*rel=\"([a-z]+)\""));
    auto it = re.globalMatch(QString::fromLatin1(header));
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        links.insert(match.captured(2), QUrl(match.captured(1)));
    }
    return links;
}

// The exact integers of the top-level objects' "id" fields of a JSON array, read from the raw
// text rather than through doubles.
static QList<qint64> rawIds(const QByteArray &json)
{
    QList<qint64> ids;
    static const QRegularExpression re(QStringLiteral("[\\[,]\\{\"id\":(-?[0-9.eE+]+)"));
    auto it = re.globalMatch(QString::fromUtf8(json));
    while (it.hasNext()) {
        bool ok = false;
        ids.append(it.next().captured(1).toLongLong(&ok));
        if (!ok)
            ids.append(-1);
    }
    return ids;
}

class TestEmulatorRest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void me();
    void companies();
    void tokenProblemsGive401_data();
    void tokenProblemsGive401();
    void companyHeaderRule_data();
    void companyHeaderRule();
    void forbiddenCompanyGets403();
    void unauthorizedCompanyGets401ToAGoodToken();
    void companyBaseUrlNamesTheZoneHost();
    void freeInactiveAndEmptyCompanies();
    void projectWithoutReadAccessIs404();
    void pagesEveryProjectExactlyOnce();
    void perPageIsClampedAndChecked_data();
    void perPageIsClampedAndChecked();
    void pageBeyondTheEnd();
    void projectFields();
    void v10Filters_data();
    void v10Filters();
    void v11ListsActiveUnlessFiltered();
    void rateLimitHeadersAndOverLimit();
    void unknownPathsAndMethods_data();
    void unknownPathsAndMethods();

private:
    TestHttpReply get(const QString &pathAndQuery, qint64 companyHeader = 0,
                      const QString &token = {});
    qint64 companyId(int index) const;

    EmulatorProcess m_emulator;
    EmulatorTokens m_tokens;
    QJsonObject m_data;
    TestHttp m_http;
};

void TestEmulatorRest::initTestCase()
{
    QVERIFY2(m_emulator.start({QStringLiteral("--projects"), QStringLiteral("20000"),
                               QStringLiteral("--forbidden-company"),
                               QString::number(DataGenerator::companyId(1, 2))}),
             qPrintable(m_emulator.errorString()));
    m_tokens = EmulatorSignIn::signIn(m_emulator);
    QVERIFY2(m_tokens.ok(), qPrintable(m_tokens.error));
    m_data = m_emulator.data();
    QCOMPARE(m_data.value(QStringLiteral("companies")).toArray().size(), 3);
}

qint64 TestEmulatorRest::companyId(int index) const
{
    return m_data.value(QStringLiteral("companies")).toArray().at(index).toInteger();
}

TestHttpReply TestEmulatorRest::get(const QString &pathAndQuery, qint64 companyHeader,
                                    const QString &token)
{
    TestHttp::Headers headers{
        {"Authorization", "Bearer " + (token.isNull() ? m_tokens.accessToken : token).toLatin1()}};
    if (companyHeader != 0)
        headers.append({"Procore-Company-Id", QByteArray::number(companyHeader)});
    return m_http.get(QUrl(m_emulator.apiUrl().toString() + pathAndQuery), headers);
}

void TestEmulatorRest::me()
{
    const TestHttpReply reply = get(QStringLiteral("/rest/v1.0/me"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject object = reply.json().object();
    QCOMPARE(object.keys(),
             (QStringList{QStringLiteral("id"), QStringLiteral("login"), QStringLiteral("name")}));
    QCOMPARE(object.value(QStringLiteral("login")).toString(), EmulatorProcess::demoEmail());
    QVERIFY(reply.body.contains("\"id\":5368709123"));
}

void TestEmulatorRest::companies()
{
    const TestHttpReply reply = get(QStringLiteral("/rest/v1.0/companies"));
    QCOMPARE(reply.status, 200);
    const QJsonArray list = reply.json().array();
    QCOMPARE(list.size(), 3);
    const QList<qint64> ids = rawIds(reply.body);
    QCOMPARE(ids.size(), 3);
    QVERIFY(ids.at(1) > twoTo32 && ids.at(1) < twoTo53); // 64-bit, exact
    for (int i = 0; i < 3; ++i) {
        const QJsonObject company = list.at(i).toObject();
        QCOMPARE(company.value(QStringLiteral("id")).toInteger(), companyId(i));
        QVERIFY(!company.value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(company.value(QStringLiteral("is_active")).isBool());
        QVERIFY(company.contains(QStringLiteral("logo_url")));
        QCOMPARE(company.value(QStringLiteral("my_company")).toBool(), i == 0);
    }
}

void TestEmulatorRest::tokenProblemsGive401_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << QStringLiteral("missing");
    QTest::newRow("unknown") << QStringLiteral("unknown");
    QTest::newRow("expired") << QStringLiteral("expired");
    QTest::newRow("revoked") << QStringLiteral("revoked");
}

void TestEmulatorRest::tokenProblemsGive401()
{
    QFETCH(QString, kind);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    TestHttp::Headers headers;
    if (kind == u"unknown")
        headers.append({QByteArrayLiteral("Authorization"),
                        QByteArrayLiteral("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")});
    else if (kind != u"missing")
        headers.append({"Authorization", "Bearer " + tokens.accessToken.toLatin1()});
    if (kind == u"expired")
        QVERIFY(emulator.expireAllTokens());
    if (kind == u"revoked")
        QVERIFY(emulator.revokeAllGrants());
    const TestHttpReply reply =
        m_http.get(emulator.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me"))), headers);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    const QString message = reply.json().object().value(QStringLiteral("errors")).toString();
    if (kind == u"missing")
        QCOMPARE(message, QStringLiteral("Unauthorized"));
    else
        QCOMPARE(message, QStringLiteral(
                              "Your access token has expired. Please refresh your access token."));
    QVERIFY(!reply.header("X-Rate-Limit-Limit").isEmpty());
}

void TestEmulatorRest::companyHeaderRule_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("header"); // "-" = no header
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    // Company IDs depend on the seed; rows use placeholders resolved in the test.
    QTest::newRow("no header") << QStringLiteral("company_id=%1") << QByteArray("-") << 400
                               << QStringLiteral("Missing Procore-Company-Id header!");
    QTest::newRow("empty header") << QStringLiteral("company_id=%1") << QByteArray("") << 400
                                  << QStringLiteral("Missing Procore-Company-Id header!");
    QTest::newRow("header not a number")
        << QStringLiteral("company_id=%1") << QByteArray("abc") << 400
        << QStringLiteral("Invalid Procore-Company-Id header!");
    QTest::newRow("header of another company")
        << QStringLiteral("company_id=%1") << QByteArray("%2") << 400
        << QStringLiteral("Procore-Company-Id header does not match company_id");
    QTest::newRow("no company_id")
        << QString() << QByteArray("%1") << 400 << QStringLiteral("company_id is missing");
    QTest::newRow("company_id not a number")
        << QStringLiteral("company_id=12x") << QByteArray("12") << 400
        << QStringLiteral("company_id must be a positive integer");
    QTest::newRow("company_id overflows")
        << QStringLiteral("company_id=99999999999999999999999")
        << QByteArray("99999999999999999999999") << 400
        << QStringLiteral("company_id must be a positive integer");
    QTest::newRow("negative company_id")
        << QStringLiteral("company_id=-5") << QByteArray("-5") << 400
        << QStringLiteral("company_id must be a positive integer");
    QTest::newRow("unknown company") << QStringLiteral("company_id=12345") << QByteArray("12345")
                                     << 404 << QStringLiteral("Company not found");
    QTest::newRow("right header") << QStringLiteral("company_id=%1") << QByteArray("%1") << 200
                                  << QString();
    QTest::newRow("64-bit company")
        << QStringLiteral("company_id=%2") << QByteArray("%2") << 200 << QString();
}

void TestEmulatorRest::companyHeaderRule()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QString first = QString::number(companyId(0));
    const QString second = QString::number(companyId(1));
    query.replace(QStringLiteral("%1"), first).replace(QStringLiteral("%2"), second);
    header.replace("%1", first.toLatin1()).replace("%2", second.toLatin1());
    for (const char *path : {"/rest/v1.1/projects", "/rest/v1.0/projects"}) {
        TestHttp::Headers headers{{"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()}};
        if (header != "-")
            headers.append({"Procore-Company-Id", header});
        const QUrl url(m_emulator.apiUrl().toString() + QString::fromLatin1(path) + u'?' + query);
        const TestHttpReply reply = m_http.get(url, headers);
        QCOMPARE(reply.status, status);
        if (!message.isEmpty())
            QCOMPARE(reply.json().object().value(QStringLiteral("errors")).toString(), message);
    }
    // /me and /companies never need the header.
    QCOMPARE(get(QStringLiteral("/rest/v1.0/companies")).status, 200);
}

void TestEmulatorRest::forbiddenCompanyGets403()
{
    const qint64 forbidden = companyId(2);
    const TestHttpReply reply =
        get(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(forbidden), forbidden);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json().object().value(QStringLiteral("errors")).toString(),
             QStringLiteral("App is not connected to this company"));
    // It is still listed among the user's companies.
    QVERIFY(
        get(QStringLiteral("/rest/v1.0/companies")).body.contains(QByteArray::number(forbidden)));
}

// Procore: a company that has not installed the app may answer 401 even though /me accepts
// the same token.
void TestEmulatorRest::unauthorizedCompanyGets401ToAGoodToken()
{
    EmulatorProcess local;
    const qint64 company = DataGenerator::companyId(1, 1);
    QVERIFY2(local.start({QStringLiteral("--projects"), QStringLiteral("5"),
                          QStringLiteral("--unauthorized-company"), QString::number(company)}),
             qPrintable(local.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(local);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const auto status = [&](const QString &path, qint64 header) {
        TestHttp::Headers headers{{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}};
        if (header != 0)
            headers.append({"Procore-Company-Id", QByteArray::number(header)});
        return m_http.get(QUrl(local.apiUrl().toString() + path), headers).status;
    };
    for (const QString &version : {QStringLiteral("v1.1"), QStringLiteral("v1.0")}) {
        QCOMPARE(status(QStringLiteral("/rest/%1/projects?company_id=%2").arg(version).arg(company),
                        company),
                 401);
    }
    QCOMPARE(status(QStringLiteral("/rest/v1.0/me"), 0), 200);
    const qint64 other = DataGenerator::companyId(1, 0);
    QCOMPARE(status(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(other), other), 200);
}

void TestEmulatorRest::companyBaseUrlNamesTheZoneHost()
{
    const QString path = QStringLiteral("/rest/v1.0/company_base_url");
    const TestHttpReply reply = get(path, companyId(0));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().object().value(QStringLiteral("web_base_url")).toString(),
             m_emulator.apiUrl().toString());
    QVERIFY(!reply.json().object().value(QStringLiteral("zone")).toString().isEmpty());
    QVERIFY(m_emulator.configure(
        {{QStringLiteral("webBaseUrl"), QStringLiteral("https://uk01.procore.com")}}));
    QCOMPARE(
        get(path, companyId(2)).json().object().value(QStringLiteral("web_base_url")).toString(),
        QStringLiteral("https://uk01.procore.com"));
    QVERIFY(m_emulator.configure({{QStringLiteral("webBaseUrl"), QString()}}));
    QCOMPARE(get(path).status, 400);
    QCOMPARE(get(path, 123456789).status, 404);
    QCOMPARE(get(path, companyId(0), QStringLiteral("nope")).status, 401);
}

// Procore leaves free-plan companies out of /companies unless include_free_companies=true.
void TestEmulatorRest::freeInactiveAndEmptyCompanies()
{
    const qint64 free = companyId(1);
    const qint64 inactive = companyId(0);
    QVERIFY(m_emulator.configure({{QStringLiteral("freeCompanies"), QJsonArray{free}},
                                  {QStringLiteral("inactiveCompanies"), QJsonArray{inactive}},
                                  {QStringLiteral("emptyCompanies"), QJsonArray{inactive}}}));
    const auto listed = [&](const QString &query) {
        QHash<qint64, bool> active;
        const TestHttpReply reply = get(QStringLiteral("/rest/v1.0/companies") + query);
        for (const QJsonValue &company : reply.json().array())
            active.insert(company[QStringLiteral("id")].toInteger(),
                          company[QStringLiteral("is_active")].toBool());
        return active;
    };
    const QHash<qint64, bool> plain = listed({});
    QCOMPARE(plain.size(), 2);
    QVERIFY(!plain.contains(free));
    QCOMPARE(plain.value(inactive, true), false);
    const QHash<qint64, bool> all = listed(QStringLiteral("?include_free_companies=true"));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.value(free), true);
    QCOMPARE(listed(QStringLiteral("?include_free_companies=false")).size(), 2);
    const TestHttpReply empty =
        get(QStringLiteral("/rest/v1.1/projects?company_id=%1&filters%5Bby_status%5D=All")
                .arg(inactive),
            inactive);
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.json().array().size(), 0);
    QCOMPARE(empty.header("Total"), QByteArray("0"));
    QVERIFY(m_emulator.configure({{QStringLiteral("freeCompanies"), QJsonArray{}},
                                  {QStringLiteral("inactiveCompanies"), QJsonArray{}},
                                  {QStringLiteral("emptyCompanies"), QJsonArray{}}}));
    QCOMPARE(listed({}).size(), 3);
}

// Procore answers 404 alike for a project that does not exist and one the user may not read.
void TestEmulatorRest::projectWithoutReadAccessIs404()
{
    const qint64 company = companyId(0);
    const auto one = [&](qint64 project, qint64 inCompany) {
        return get(
            QStringLiteral("/rest/v1.0/projects/%1?company_id=%2").arg(project).arg(inCompany),
            inCompany);
    };
    const auto listTotal = [&] {
        return get(QStringLiteral("/rest/v1.1/projects?company_id=%1&per_page=1&"
                                  "filters%5Bby_status%5D=All")
                       .arg(company),
                   company)
            .header("Total")
            .toLongLong();
    };
    const qint64 project = DataGenerator::projectId(1, 0, 5);
    const TestHttpReply readable = one(project, company);
    QCOMPARE(readable.status, 200);
    QCOMPARE(readable.json().object().value(QStringLiteral("id")).toInteger(), project);
    QVERIFY(readable.json().object().contains(QStringLiteral("stage")));
    QCOMPARE(one(123456789, company).status, 404);
    QCOMPARE(one(project, companyId(2)).status, 403); // the company rules come first
    QCOMPARE(listTotal(), 20000);
    QVERIFY(m_emulator.configure({{QStringLiteral("hiddenProjects"), QJsonArray{project}}}));
    const TestHttpReply hidden = one(project, company);
    QCOMPARE(hidden.status, 404);
    QCOMPARE(hidden.body, one(123456789, company).body);
    QCOMPARE(listTotal(), 19999);
    QVERIFY(m_emulator.configure({{QStringLiteral("hiddenProjects"), QJsonArray{}}}));
}

void TestEmulatorRest::pagesEveryProjectExactlyOnce()
{
    const qint64 company = companyId(1);
    QSet<qint64> seen;
    int pages = 0;
    qint64 above32 = 0;
    QUrl next(m_emulator.apiUrl().toString() +
              QStringLiteral("/rest/v1.1/projects?company_id=%1&per_page=300&"
                             "filters%5Bby_status%5D=All")
                  .arg(company));
    QElapsedTimer timer;
    timer.start();
    while (next.isValid() && !next.isEmpty()) {
        const TestHttpReply reply =
            m_http.get(next, {{"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()},
                              {"Procore-Company-Id", QByteArray::number(company)}});
        QCOMPARE(reply.status, 200);
        ++pages;
        QCOMPARE(reply.header("Total"), QByteArray("20000"));
        QCOMPARE(reply.header("Per-Page"), QByteArray("300"));
        const QList<qint64> ids = rawIds(reply.body);
        QCOMPARE(ids.size(), reply.json().array().size());
        QCOMPARE(ids.size(), pages < 67 ? 300 : 20000 - 66 * 300);
        for (const qint64 id : ids) {
            QVERIFY2(!seen.contains(id), qPrintable(QStringLiteral("id %1 twice").arg(id)));
            QVERIFY(id > 0 && id < twoTo53);
            seen.insert(id);
            above32 += id > twoTo32 ? 1 : 0;
        }
        const QHash<QString, QUrl> links = parseLinks(reply.header("Link"));
        QCOMPARE(
            QUrlQuery(links.value(QStringLiteral("first"))).queryItemValue(QStringLiteral("page")),
            QStringLiteral("1"));
        QCOMPARE(
            QUrlQuery(links.value(QStringLiteral("last"))).queryItemValue(QStringLiteral("page")),
            QStringLiteral("67"));
        QCOMPARE(links.contains(QStringLiteral("prev")), pages > 1);
        QCOMPARE(links.contains(QStringLiteral("next")), pages < 67);
        for (const QUrl &link : links) {
            QCOMPARE(link.scheme() + QStringLiteral("://") + link.authority(),
                     m_emulator.apiUrl().toString());
            QCOMPARE(QUrlQuery(link).queryItemValue(QStringLiteral("company_id")),
                     QString::number(company));
            QCOMPARE(QUrlQuery(link).queryItemValue(QStringLiteral("per_page")),
                     QStringLiteral("300"));
        }
        if (links.contains(QStringLiteral("prev")))
            QCOMPARE(QUrlQuery(links.value(QStringLiteral("prev")))
                         .queryItemValue(QStringLiteral("page")),
                     QString::number(pages - 1));
        next = links.value(QStringLiteral("next"));
        QVERIFY(pages <= 67);
    }
    qInfo("paged 20000 projects in %d pages of 300 in %lld ms", pages, timer.elapsed());
    QCOMPARE(pages, 67);
    QCOMPARE(seen.size(), 20000);
    QVERIFY(above32 >= 20000 / 7);
}

void TestEmulatorRest::perPageIsClampedAndChecked_data()
{
    QTest::addColumn<QString>("paging");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("perPageHeader");
    QTest::newRow("default") << QString() << 200 << 100 << QByteArray("100");
    QTest::newRow("300") << QStringLiteral("&per_page=300") << 200 << 300 << QByteArray("300");
    QTest::newRow("1000 clamped") << QStringLiteral("&per_page=1000") << 200 << 300
                                  << QByteArray("300");
    QTest::newRow("7 on page 3") << QStringLiteral("&per_page=7&page=3") << 200 << 7
                                 << QByteArray("7");
    QTest::newRow("zero") << QStringLiteral("&per_page=0") << 400 << 0 << QByteArray();
    QTest::newRow("negative page") << QStringLiteral("&page=-1") << 400 << 0 << QByteArray();
    QTest::newRow("page zero") << QStringLiteral("&page=0") << 400 << 0 << QByteArray();
    QTest::newRow("page text") << QStringLiteral("&page=two") << 400 << 0 << QByteArray();
    QTest::newRow("per_page float") << QStringLiteral("&per_page=2.5") << 400 << 0 << QByteArray();
    QTest::newRow("page overflow")
        << QStringLiteral("&page=999999999999999999999") << 400 << 0 << QByteArray();
}

void TestEmulatorRest::perPageIsClampedAndChecked()
{
    QFETCH(QString, paging);
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(QByteArray, perPageHeader);
    const qint64 company = companyId(0);
    const TestHttpReply reply =
        get(QStringLiteral("/rest/v1.1/projects?company_id=%1").arg(company) + paging, company);
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QCOMPARE(reply.json().array().size(), count);
        QCOMPARE(reply.header("Per-Page"), perPageHeader);
    } else {
        QVERIFY(!reply.json().object().value(QStringLiteral("errors")).toString().isEmpty());
    }
}

void TestEmulatorRest::pageBeyondTheEnd()
{
    const qint64 company = companyId(0);
    const TestHttpReply reply =
        get(QStringLiteral("/rest/v1.1/projects?company_id=%1&page=500&per_page=300&"
                           "filters%5Bby_status%5D=All")
                .arg(company),
            company);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().array().size(), 0);
    QCOMPARE(reply.header("Total"), QByteArray("20000"));
    const QHash<QString, QUrl> links = parseLinks(reply.header("Link"));
    QVERIFY(!links.contains(QStringLiteral("next")));
    QCOMPARE(QUrlQuery(links.value(QStringLiteral("prev"))).queryItemValue(QStringLiteral("page")),
             QStringLiteral("67"));
}

void TestEmulatorRest::projectFields()
{
    const qint64 company = companyId(1);
    const TestHttpReply reply = get(
        QStringLiteral("/rest/v1.1/projects?company_id=%1&per_page=10&filters%5Bby_status%5D=All")
            .arg(company),
        company);
    QCOMPARE(reply.status, 200);
    const QJsonArray list = reply.json().array();
    QCOMPARE(list.size(), 10);
    const QStringList required{QStringLiteral("id"),           QStringLiteral("name"),
                               QStringLiteral("display_name"), QStringLiteral("project_number"),
                               QStringLiteral("address"),      QStringLiteral("city"),
                               QStringLiteral("state_code"),   QStringLiteral("country_code"),
                               QStringLiteral("zip"),          QStringLiteral("time_zone"),
                               QStringLiteral("tz_name"),      QStringLiteral("project_stage"),
                               QStringLiteral("phone"),        QStringLiteral("active"),
                               QStringLiteral("start_date"),   QStringLiteral("completion_date"),
                               QStringLiteral("created_at"),   QStringLiteral("updated_at"),
                               QStringLiteral("company")};
    for (const QJsonValue &value : list) {
        const QJsonObject project = value.toObject();
        for (const QString &key : required)
            QVERIFY2(project.contains(key), qPrintable(key));
        QCOMPARE(project.value(QStringLiteral("company"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 company);
        // v1.1 has no free-text stage (v1.0 does, below); tz_name is an IANA name.
        QVERIFY(!project.contains(QStringLiteral("stage")));
        QVERIFY(!project.value(QStringLiteral("project_stage"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString()
                     .isEmpty());
        QVERIFY2(QTimeZone(project.value(QStringLiteral("tz_name")).toString().toUtf8()).isValid(),
                 qPrintable(project.value(QStringLiteral("tz_name")).toString()));
        QVERIFY(
            QDate::fromString(project.value(QStringLiteral("start_date")).toString(), Qt::ISODate)
                .isValid());
        QVERIFY(QDateTime::fromString(project.value(QStringLiteral("updated_at")).toString(),
                                      Qt::ISODate)
                    .isValid());
    }
    // Every 7th project has a 64-bit ID.
    QVERIFY(rawIds(reply.body).at(6) > twoTo32);
    const QJsonObject v10 =
        get(QStringLiteral("/rest/v1.0/projects?company_id=%1&per_page=1").arg(company), company)
            .json()
            .array()
            .at(0)
            .toObject();
    QCOMPARE(v10.value(QStringLiteral("stage")).toString(),
             v10.value(QStringLiteral("project_stage"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString());
    // Same seed, same data.
    EmulatorProcess again;
    QVERIFY2(again.start({QStringLiteral("--projects"), QStringLiteral("20")}),
             qPrintable(again.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(again);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const TestHttpReply repeat = m_http.get(
        QUrl(again.apiUrl().toString() +
             QStringLiteral(
                 "/rest/v1.1/projects?company_id=%1&per_page=10&filters%5Bby_status%5D=All")
                 .arg(company)),
        {{"Authorization", "Bearer " + tokens.accessToken.toLatin1()},
         {"Procore-Company-Id", QByteArray::number(company)}});
    QCOMPARE(repeat.status, 200);
    QCOMPARE(repeat.body, reply.body);
}

void TestEmulatorRest::v10Filters_data()
{
    QTest::addColumn<QString>("filters");
    QTest::addColumn<int>("status");
    QTest::newRow("default is Active") << QString() << 200;
    QTest::newRow("Active") << QStringLiteral("&filters[by_status]=Active") << 200;
    QTest::newRow("Inactive") << QStringLiteral("&filters[by_status]=Inactive") << 200;
    QTest::newRow("All") << QStringLiteral("&filters[by_status]=All") << 200;
    QTest::newRow("name") << QStringLiteral("&filters[by_status]=All&filters[name]=medical") << 200;
    QTest::newRow("name encoded brackets")
        << QStringLiteral("&filters%5Bby_status%5D=All&filters%5Bname%5D=MEDICAL") << 200;
    QTest::newRow("compact") << QStringLiteral("&serializer_view=compact") << 200;
    QTest::newRow("bad status") << QStringLiteral("&filters[by_status]=Sleeping") << 400;
    QTest::newRow("bad view") << QStringLiteral("&serializer_view=huge") << 400;
}

void TestEmulatorRest::v10Filters()
{
    QFETCH(QString, filters);
    QFETCH(int, status);
    const qint64 company = companyId(0);
    const QString base =
        QStringLiteral("/rest/v1.0/projects?company_id=%1&per_page=300").arg(company);
    const TestHttpReply first = get(base + filters, company);
    QCOMPARE(first.status, status);
    if (status != 200)
        return;
    const qint64 total = first.header("Total").toLongLong();
    QVERIFY(total > 0);
    // Collect all pages and check every project against the filter.
    QList<QJsonObject> all;
    const qint64 pages = (total + 299) / 300;
    for (qint64 page = 1; page <= pages; ++page) {
        const TestHttpReply reply =
            page == 1 ? first : get(base + filters + QStringLiteral("&page=%1").arg(page), company);
        QCOMPARE(reply.status, 200);
        for (const QJsonValue &value : reply.json().array())
            all.append(value.toObject());
    }
    QCOMPARE(qint64(all.size()), total);
    const bool allStatuses = filters.contains(QStringLiteral("=All"));
    const bool inactive = filters.contains(QStringLiteral("Inactive"));
    qint64 active = 0;
    for (const QJsonObject &project : all) {
        active += project.value(QStringLiteral("active")).toBool() ? 1 : 0;
        if (filters.contains(QStringLiteral("medical"), Qt::CaseInsensitive))
            QVERIFY(project.value(QStringLiteral("name"))
                        .toString()
                        .contains(QStringLiteral("Medical")));
    }
    if (allStatuses) {
        QVERIFY(active > 0 && active < total);
        if (!filters.contains(QStringLiteral("name")))
            QCOMPARE(total, Q_INT64_C(20000));
    } else {
        QCOMPARE(active, inactive ? Q_INT64_C(0) : total);
    }
    if (!allStatuses && !filters.contains(QStringLiteral("compact"))) {
        // Roughly 80 % active, 20 % inactive.
        const double share = double(total) / 20000;
        QVERIFY2(inactive ? share > 0.15 && share < 0.25 : share > 0.75 && share < 0.85,
                 qPrintable(QString::number(share)));
    }
    if (filters.contains(QStringLiteral("compact"))) {
        QVERIFY(!all.first().contains(QStringLiteral("address")));
        QVERIFY(all.first().contains(QStringLiteral("name")));
    }
}

// Procore's v1.1 list, like v1.0, holds active projects only unless a status filter is sent.
void TestEmulatorRest::v11ListsActiveUnlessFiltered()
{
    const qint64 company = companyId(0);
    const auto total = [&](const QString &filter) {
        const TestHttpReply reply = get(
            QStringLiteral("/rest/v1.1/projects?company_id=%1&per_page=1").arg(company) + filter,
            company);
        return reply.status == 200 ? reply.header("Total").toLongLong() : -reply.status;
    };
    const qint64 plain = total({});
    const qint64 active = total(QStringLiteral("&filters%5Bby_status%5D=Active"));
    const qint64 inactive = total(QStringLiteral("&filters%5Bby_status%5D=Inactive"));
    QCOMPARE(total(QStringLiteral("&filters%5Bby_status%5D=All")), 20000);
    QCOMPARE(plain, active);
    QVERIFY(inactive > 0 && active > inactive);
    QCOMPARE(active + inactive, 20000);
    QCOMPARE(total(QStringLiteral("&filters%5Bby_status%5D=Closed")), -400);
    QVERIFY(m_emulator.configure({{QStringLiteral("activeOnlyByDefault"), false}}));
    QCOMPARE(total({}), 20000);
    QVERIFY(m_emulator.configure({{QStringLiteral("activeOnlyByDefault"), true}}));
    QCOMPARE(total({}), active);
}

void TestEmulatorRest::rateLimitHeadersAndOverLimit()
{
    EmulatorProcess limited;
    QVERIFY2(limited.start({QStringLiteral("--rate-limit"), QStringLiteral("3"),
                            QStringLiteral("--rate-window"), QStringLiteral("60")}),
             qPrintable(limited.errorString()));
    const EmulatorTokens tokens = EmulatorSignIn::signIn(limited);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error));
    const QUrl url = limited.apiUrl().resolved(QUrl(QStringLiteral("/rest/v1.0/me")));
    const TestHttp::Headers bearer{{"Authorization", "Bearer " + tokens.accessToken.toLatin1()}};
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < 3; ++i) {
        const TestHttpReply reply = m_http.get(url, bearer);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("X-Rate-Limit-Limit"), QByteArray("3"));
        QCOMPARE(reply.header("X-Rate-Limit-Remaining"), QByteArray::number(2 - i));
        const qint64 reset = reply.header("X-Rate-Limit-Reset").toLongLong();
        QVERIFY2(reset >= now + 59 && reset <= now + 62, qPrintable(QString::number(reset - now)));
    }
    const TestHttpReply over = m_http.get(url, bearer);
    QCOMPARE(over.status, 429);
    QCOMPARE(over.header("X-Rate-Limit-Remaining"), QByteArray("0"));
    const qint64 retryAfter = over.header("Retry-After").toLongLong();
    QVERIFY(retryAfter >= 1 && retryAfter <= 61);
    QVERIFY(over.header("X-Rate-Limit-Reset").toLongLong() >= now + 59);
    QCOMPARE(limited.counters().value(QStringLiteral("rateLimited")).toInt(), 1);
    // A new window (set through the control API) lets requests through again.
    QVERIFY(limited.configure({{QStringLiteral("rateLimit"), 100}}));
    QCOMPARE(m_http.get(url, bearer).status, 200);
}

void TestEmulatorRest::unknownPathsAndMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown rest path")
        << QByteArray("GET") << QStringLiteral("/rest/v1.0/nothing") << 404;
    QTest::newRow("unknown version") << QByteArray("GET") << QStringLiteral("/rest/v9.9/me") << 404;
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << 404;
    QTest::newRow("oauth on api host")
        << QByteArray("POST") << QStringLiteral("/oauth/token") << 404;
    QTest::newRow("POST me") << QByteArray("POST") << QStringLiteral("/rest/v1.0/me") << 405;
    QTest::newRow("DELETE companies")
        << QByteArray("DELETE") << QStringLiteral("/rest/v1.0/companies") << 405;
}

void TestEmulatorRest::unknownPathsAndMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    const TestHttpReply reply =
        m_http.send(method, m_emulator.apiUrl().resolved(QUrl(path)), "x=1",
                    {{"Authorization", "Bearer " + m_tokens.accessToken.toLatin1()}});
    QCOMPARE(reply.status, status);
    QVERIFY(reply.json().isObject());
}

QTEST_GUILESS_MAIN(TestEmulatorRest)
#include "tst_emulatorrest.moc"
