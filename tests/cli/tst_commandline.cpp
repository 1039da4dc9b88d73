#include "cli/commandline.h"

#include <QtTest>

class TestCommandLine final : public QObject
{
    Q_OBJECT
private slots:
    void actions_data();
    void actions();
    void errors_data();
    void errors();
    void links_data();
    void links();
    void linkAllowsOnlyCompany_data();
    void linkAllowsOnlyCompany();
    void forwardedLink_data();
    void forwardedLink();
};

Q_DECLARE_METATYPE(CommandLine::Action)

static QStringList args(const QString &line)
{
    QStringList list{QStringLiteral("procore-desktop")};
    if (!line.isEmpty())
        list += line.split(QLatin1Char(' '));
    return list;
}

void TestCommandLine::actions_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<CommandLine::Action>("action");
    QTest::newRow("plain") << "" << CommandLine::Action::ShowWindow;
    QTest::newRow("list") << "--list-projects" << CommandLine::Action::ListProjects;
    QTest::newRow("list json company")
        << "--list-projects --json --company 5" << CommandLine::Action::ListProjects;
    QTest::newRow("sign-in") << "--sign-in" << CommandLine::Action::SignIn;
    QTest::newRow("sign-out") << "--sign-out" << CommandLine::Action::SignOut;
    QTest::newRow("version") << "--version" << CommandLine::Action::Version;
    QTest::newRow("help") << "--help" << CommandLine::Action::Help;
    QTest::newRow("project") << "--project 12" << CommandLine::Action::ShowWindow;
    QTest::newRow("environment") << "--environment sandbox" << CommandLine::Action::ShowWindow;
    QTest::newRow("sync drawings")
        << "--sync-drawings --project 12" << CommandLine::Action::SyncDrawings;
    QTest::newRow("sync drawings of a company")
        << "--sync-drawings --project 12 --company 5" << CommandLine::Action::SyncDrawings;
    QTest::newRow("list drawings json")
        << "--list-drawings --project 12 --json" << CommandLine::Action::ListDrawings;
}

void TestCommandLine::actions()
{
    QFETCH(QString, line);
    QFETCH(CommandLine::Action, action);
    QString error;
    const auto parsed = CommandLine::parse(args(line), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.action, action);
    QVERIFY(!parsed.linkError.isError());
}

void TestCommandLine::errors_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("unknown option") << "--frobnicate";
    QTest::newRow("two actions") << "--list-projects --sign-out";
    QTest::newRow("json alone") << "--json";
    QTest::newRow("removed option") << "--browser";
    QTest::newRow("bad list company") << "--list-projects --company x";
    QTest::newRow("list with project") << "--list-projects --project 5";
    QTest::newRow("project and link") << "--project 5 procore-desktop://project/6";
    QTest::newRow("two links") << "procore-desktop://project/5 procore-desktop://project/6";
    QTest::newRow("company alone") << "--company 5";
    QTest::newRow("missing value") << "--environment";
    QTest::newRow("sync drawings without project") << "--sync-drawings";
    QTest::newRow("sync drawings of a bad project") << "--sync-drawings --project x";
    QTest::newRow("sync drawings of a link") << "--sync-drawings procore-desktop://project/5";
    QTest::newRow("sync drawings json") << "--sync-drawings --project 5 --json";
    QTest::newRow("list drawings and projects") << "--list-drawings --list-projects";
    QTest::newRow("list drawings of a bad company") << "--list-drawings --project 5 --company -3";
}

void TestCommandLine::errors()
{
    QFETCH(QString, line);
    QString error;
    CommandLine::parse(args(line), &error);
    QVERIFY(!error.isEmpty());
}

void TestCommandLine::links_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<qint64>("project");
    QTest::addColumn<qint64>("company");
    QTest::addColumn<bool>("linkError");
    QTest::newRow("--project") << "--project 42" << qint64(42) << qint64(0) << false;
    QTest::newRow("--project --company")
        << "--project 42 --company 7" << qint64(42) << qint64(7) << false;
    QTest::newRow("url") << "procore-desktop://project/42?company=7" << qint64(42) << qint64(7)
                         << false;
    QTest::newRow("bad project id still starts")
        << "--project abc" << qint64(0) << qint64(0) << true;
    QTest::newRow("bad url still starts")
        << "procore-desktop://evil/1" << qint64(0) << qint64(0) << true;
}

void TestCommandLine::links()
{
    QFETCH(QString, line);
    QFETCH(qint64, project);
    QFETCH(qint64, company);
    QFETCH(bool, linkError);
    QString error;
    const auto parsed = CommandLine::parse(args(line), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.action, CommandLine::Action::ShowWindow);
    QCOMPARE(parsed.link.projectId, project);
    QCOMPARE(parsed.link.companyId, company);
    QCOMPARE(parsed.linkError.isError(), linkError);
}

// What a crafted link becomes when a launcher lets its quotes through (Windows's "exe" "%1",
// .url files, chat apps): one link, several arguments. Each list is given with and without
// the "--" the registered handlers put in front of the link.
void TestCommandLine::linkAllowsOnlyCompany_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("accepted");
    const QString link = QStringLiteral("procore-desktop://project/1");
    const QString sep = QStringLiteral("--");
    const auto row = [](const char *name, const QStringList &list, bool accepted) {
        QTest::newRow(name) << list << accepted;
    };
    row("link", {link}, true);
    row("-- link", {sep, link}, true);
    row("link --company", {link, QStringLiteral("--company"), QStringLiteral("5")}, true);
    row("--company -- link", {QStringLiteral("--company"), QStringLiteral("5"), sep, link}, true);
    row("--company= link", {QStringLiteral("--company=5"), link}, true);
    row("link --sign-out", {link, QStringLiteral("--sign-out")}, false);
    row("-- link --sign-out", {sep, link, QStringLiteral("--sign-out")}, false);
    row("--sign-out -- link", {QStringLiteral("--sign-out"), sep, link}, false);
    row("link --api-url --login-url",
        {link, QStringLiteral("--api-url"), QStringLiteral("http://evil.example"),
         QStringLiteral("--login-url"), QStringLiteral("https://login.procore.com")},
        false);
    row("-- link --api-url",
        {sep, link, QStringLiteral("--api-url"), QStringLiteral("http://evil.example")}, false);
    row("--api-url= link", {QStringLiteral("--api-url=http://evil.example"), link}, false);
    row("link --environment", {link, QStringLiteral("--environment"), QStringLiteral("sandbox")},
        false);
    row("link --list-projects", {link, QStringLiteral("--list-projects")}, false);
    row("link --sign-in", {link, QStringLiteral("--sign-in")}, false);
    row("link --help", {link, QStringLiteral("--help")}, false);
    row("link -sign-out", {link, QStringLiteral("-sign-out")}, false);
    row("link --project", {link, QStringLiteral("--project"), QStringLiteral("2")}, false);
    row("two links", {link, QStringLiteral("procore-desktop://project/2")}, false);
    row("link as option value", {QStringLiteral("--company"), link}, false);
    row("link and stray word", {link, QStringLiteral("x")}, false);
    row("link and empty argument", {link, QString()}, false);
    row("upper-case scheme --sign-out",
        {QStringLiteral("PROCORE-DESKTOP://project/1"), QStringLiteral("--sign-out")}, false);
    row("company disagrees",
        {QStringLiteral("procore-desktop://project/1?company=7"), QStringLiteral("--company"),
         QStringLiteral("8")},
        false);
}

void TestCommandLine::linkAllowsOnlyCompany()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, accepted);
    QString error;
    const auto parsed =
        CommandLine::parse(QStringList{QStringLiteral("procore-desktop")} + arguments, &error);
    QCOMPARE(error.isEmpty(), accepted);
    if (accepted) {
        QCOMPARE(parsed.action, CommandLine::Action::ShowWindow);
        QCOMPARE(parsed.link.projectId, qint64(1));
        QCOMPARE(parsed.link.companyId, arguments.contains(QStringLiteral("--company")) ||
                                                arguments.contains(QStringLiteral("--company=5"))
                                            ? qint64(5)
                                            : qint64(0));
        QVERIFY(parsed.environment.isEmpty() && parsed.apiUrl.isEmpty());
    } else {
        QVERIFY2(error.contains(QStringLiteral("Nothing was changed")) ||
                     error.contains(QStringLiteral("does not go with")),
                 qPrintable(error));
    }
}

// What the running window is handed for a later launch's arguments: parsed here, once.
void TestCommandLine::forwardedLink_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<qint64>("project");
    QTest::addColumn<qint64>("company");
    QTest::addColumn<bool>("refused");
    QTest::newRow("nothing: just come to the front") << "" << 0LL << 0LL << false;
    QTest::newRow("url") << "procore-desktop://project/5" << 5LL << 0LL << false;
    QTest::newRow("url after --") << "-- procore-desktop://project/5?company=2" << 5LL << 2LL
                                  << false;
    QTest::newRow("ids") << "--project 7 --company 3" << 7LL << 3LL << false;
    QTest::newRow("an action alone changes nothing") << "--sign-out" << 0LL << 0LL << false;
    QTest::newRow("bad link") << "procore-desktop://project/abc" << 0LL << 0LL << true;
    QTest::newRow("bad id") << "--project 12abc" << 0LL << 0LL << true;
    QTest::newRow("link with an option")
        << "procore-desktop://project/5 --sign-out" << 0LL << 0LL << true;
    // The macOS open-URL event's form: even a "link" that looks like an option stays a link.
    QTest::newRow("option behind --") << "-- --sign-out" << 0LL << 0LL << true;
    QTest::newRow("unknown option") << "--frobnicate" << 0LL << 0LL << true;
}

void TestCommandLine::forwardedLink()
{
    QFETCH(QString, line);
    QFETCH(qint64, project);
    QFETCH(qint64, company);
    QFETCH(bool, refused);
    const DeepLinkResult result = CommandLine::forwardedLink(args(line));
    QCOMPARE(result.link.projectId, project);
    QCOMPARE(result.link.companyId, company);
    QCOMPARE(result.error.isError(), refused);
    if (refused) {
        QCOMPARE(result.error.kind, ProcoreError::Kind::Config);
        QVERIFY(!result.error.message.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
