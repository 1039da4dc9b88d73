// The details pane shows the selected project in full (issue 14): GET /rest/v1.0/projects/{id}
// once per project and sign-in, kept beside the offline list and gone at sign-out; the phone is
// a tel: link carrying digits only; the project's time zone with the time there now.
#include "main/mainwindow.h"
#include "main/projectdetails.h"
#include "main/projectspage.h"
#include "model/projectcache.h"
#include "model/projectlistmodel.h"
#include "session/session.h"
#include "windowfixture.h"

#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTimeZone>
#include <QtTest>

class TestProjectDetails final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void phoneIsALinkWithDigitsOnly_data();
    void phoneIsALinkWithDigitsOnly();
    void localTimeAtTheProject_data();
    void localTimeAtTheProject();
    void selectingLoadsTheFullProjectOnce();
    void keptOfflineAndForgottenAtSignOut();
    void projectHiddenFromUserKeepsTheListsCopy();

private:
    bool open(const QStringList &arguments = {});
    void select(int row);
    int projectRequests(qint64 projectId);
    qint64 idAt(int row) const;

    static constexpr int projectCount = 60;
    WindowFixture m_fixture;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestProjectDetails::initTestCase()
{
    WindowFixture::initTestCase("tst_projectdetails");
}

void TestProjectDetails::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_fixture.stop();
}

bool TestProjectDetails::open(const QStringList &arguments)
{
    QString error;
    if (!m_fixture.start(projectCount, arguments, &error)) {
        qWarning() << error;
        return false;
    }
    m_session = m_fixture.makeSession();
    m_window = m_fixture.openWindow(*m_session);
    if (!m_window)
        return false;
    // The earlier run's offline copy shows at once; wait for the list Procore sent this time.
    return QTest::qWaitFor(
        [this] {
            const QJsonObject requests =
                m_fixture.emulator().counters().value(QStringLiteral("requests")).toObject();
            return requests.value(QStringLiteral("api:/rest/v1.1/projects")).toInt() > 0 &&
                   !m_session->isLoading() &&
                   m_window->projectsPage()->table()->model()->rowCount() == projectCount;
        },
        20000);
}

void TestProjectDetails::select(int row)
{
    QTableView *table = m_window->projectsPage()->table();
    table->setCurrentIndex(table->model()->index(row, 1));
}

qint64 TestProjectDetails::idAt(int row) const
{
    QTableView *table = m_window->projectsPage()->table();
    return table->model()->index(row, 0).data(ProjectListModel::IdRole).toLongLong();
}

int TestProjectDetails::projectRequests(qint64 projectId)
{
    const QJsonObject requests =
        m_fixture.emulator().counters().value(QStringLiteral("requests")).toObject();
    return requests.value(QStringLiteral("api:/rest/v1.0/projects/%1").arg(projectId)).toInt();
}

void TestProjectDetails::phoneIsALinkWithDigitsOnly_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("uri"); // empty: shown as plain text, no link

    QTest::newRow("international") << "+1 (555) 010-2000"
                                   << "tel:+15550102000";
    QTest::newRow("local") << "555 0100"
                           << "tel:5550100";
    QTest::newRow("markup") << "<b>555</b> 0100"
                            << "tel:5550100";
    QTest::newRow("script") << "javascript:alert(1)"
                            << "";
    QTest::newRow("words") << "ask the office"
                           << "";
    QTest::newRow("plus inside") << "555+0100"
                                 << "tel:5550100";
    QTest::newRow("arabic-indic digits") << QString::fromUtf8("٥٥٥٠١٠٠") << "";
}

void TestProjectDetails::phoneIsALinkWithDigitsOnly()
{
    QFETCH(QString, phone);
    QFETCH(QString, uri);
    ProjectDetails details;
    Project project;
    project.id = 7;
    project.name = QStringLiteral("Harbour");
    project.phone = phone;
    details.setProject(project);
    QLabel *field = details.field(details.tr("Phone"));
    QVERIFY(field);
    if (uri.isEmpty()) {
        QCOMPARE(field->textFormat(), Qt::PlainText);
        QCOMPARE(field->text(), phone);
        return;
    }
    QCOMPARE(field->textFormat(), Qt::RichText);
    QCOMPARE(field->text(),
             QStringLiteral("<a href=\"%1\">%2</a>").arg(uri, phone.toHtmlEscaped()));
    QVERIFY(field->openExternalLinks());
    QVERIFY(!field->accessibleName().isEmpty());
}

void TestProjectDetails::localTimeAtTheProject_data()
{
    QTest::addColumn<QString>("tzName");
    QTest::addColumn<QString>("expected"); // empty: the name alone

    // 12:00 UTC on 1 July: summer time in both hemispheres' northern cities.
    QTest::newRow("Chicago") << "America/Chicago"
                             << "7:00";
    QTest::newRow("Sydney") << "Australia/Sydney"
                            << "22:00";
    QTest::newRow("unknown zone") << "Mars/Olympus_Mons"
                                  << "";
}

void TestProjectDetails::localTimeAtTheProject()
{
    QFETCH(QString, tzName);
    QFETCH(QString, expected);
    ProjectDetails details;
    details.setClock([] { return QDateTime(QDate(2026, 7, 1), QTime(12, 0), QTimeZone::utc()); });
    Project project;
    project.id = 7;
    project.tzName = tzName;
    details.setProject(project);
    const QString text = details.fieldText(details.tr("Time zone"));
    QVERIFY2(text.startsWith(tzName), qPrintable(text));
    if (expected.isEmpty()) {
        QCOMPARE(text, tzName);
        return;
    }
    const QTime time = QTime::fromString(expected, QStringLiteral("H:mm"));
    QVERIFY2(text.contains(QLocale().toString(time, QLocale::ShortFormat)), qPrintable(text));
}

void TestProjectDetails::selectingLoadsTheFullProjectOnce()
{
    QVERIFY(open());
    ProjectDetails *details = m_window->projectsPage()->details();
    QSignalSpy loaded(m_session->details(), &ProjectDetailsLoader::loaded);
    select(0);
    const qint64 first = idAt(0);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    QCOMPARE(loaded.at(0).at(0).value<Project>().id, first);
    QCOMPARE(projectRequests(first), 1);
    QCOMPARE(details->projectId(), first);
    // The emulator's project has a phone and an IANA zone: a link and the time there.
    QLabel *phone = details->field(details->tr("Phone"));
    QVERIFY(phone && phone->text().contains(QStringLiteral("href=\"tel:")));
    QVERIFY(!details->fieldText(details->tr("Stage")).isEmpty());
    QVERIFY(details->fieldText(details->tr("Time zone")).contains(QLatin1Char('/')));
    QVERIFY(WindowFixture::screenshot(m_window.get(), QStringLiteral("project-details.png")));

    select(1);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 15000);
    // Both known now: the choice not to ask again is made at once, and nothing goes out.
    select(0);
    QVERIFY(!m_session->details()->isLoading());
    select(1);
    QVERIFY(!m_session->details()->isLoading());
    QCOMPARE(projectRequests(first), 1);
    QCOMPARE(projectRequests(idAt(1)), 1);
    QCOMPARE(loaded.size(), 2);
}

void TestProjectDetails::keptOfflineAndForgottenAtSignOut()
{
    QVERIFY(open());
    QSignalSpy loaded(m_session->details(), &ProjectDetailsLoader::loaded);
    select(2);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    const qint64 id = idAt(2);
    const qint64 company = m_session->currentCompanyId();
    const QString environment = m_session->environment().key();
    const ProjectCache cache(m_fixture.cacheDirectory());
    const auto kept = cache.load(environment, company, ProjectCache::Kind::Details);
    QVERIFY(kept);
    QCOMPARE(kept->projects.size(), 1);
    QCOMPARE(kept->projects.at(0).id, id);

    // Next start with Procore out of reach: the pane still has the full project.
    m_window.reset();
    m_session.reset();
    m_fixture.emulator().stop();
    m_session = m_fixture.makeSession();
    QVERIFY(m_session->details()->known(company, id).has_value());

    QSignalSpy signedOut(m_session.get(), &Session::signedOut);
    m_session->start();
    m_session->signOut();
    QTRY_COMPARE_WITH_TIMEOUT(signedOut.size(), 1, 20000);
    QVERIFY(!cache.load(environment, company, ProjectCache::Kind::Details));
    QVERIFY(QDir(m_fixture.cacheDirectory())
                .entryList({QStringLiteral("details-*")}, QDir::Files)
                .isEmpty());
    QVERIFY(!m_session->details()->known(company, id).has_value());
}

void TestProjectDetails::projectHiddenFromUserKeepsTheListsCopy()
{
    // Procore answers 404 for a project the user may no longer read (access removed after the
    // list came).
    QVERIFY(open());
    const qint64 hidden = idAt(3);
    QVERIFY(
        m_fixture.emulator().configure({{QStringLiteral("hiddenProjects"), QJsonArray{hidden}}}));
    QSignalSpy failed(m_session->details(), &ProjectDetailsLoader::failed);
    ProjectDetails *details = m_window->projectsPage()->details();
    select(3);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QCOMPARE(failed.at(0).at(1).value<ProcoreError>().kind, ProcoreError::Kind::NotFound);
    QCOMPARE(details->projectId(), hidden);
    QVERIFY(!details->fieldText(details->tr("Project number")).isEmpty());
    // A 404 is an answer: not asked again at the next selection.
    QSignalSpy loaded(m_session->details(), &ProjectDetailsLoader::loaded);
    select(4);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15000);
    select(3);
    QVERIFY(!m_session->details()->isLoading());
    QCOMPARE(projectRequests(hidden), 1);
    QCOMPARE(failed.size(), 1);
}

QTEST_MAIN(TestProjectDetails)
#include "tst_projectdetails.moc"
