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

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
