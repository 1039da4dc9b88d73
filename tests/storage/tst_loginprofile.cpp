// LoginProfile: the sign-in window's browser profile folder. It is made owner-only and
// marked, kept when prepared again, wiped whole, and a folder without the mark is never
// touched, so a wrong setting cannot delete someone's files.
#include "storage/loginprofile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestLoginProfile final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clear();
    void refusesForeignFolder();
    void oneFolderPerEnvironment();
};

void TestLoginProfile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLoginProfile::clear()
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("profile"));
    QVERIFY(LoginProfile::clear(dir)); // nothing there: already clear
    QVERIFY(LoginProfile::prepare(dir));
    QVERIFY(LoginProfile::isProfileDir(dir));
    QCOMPARE(QFile::permissions(dir) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QDir(dir).mkpath(QStringLiteral("Local Storage/leveldb"));
    QFile cookie(QDir(dir).filePath(QStringLiteral("Cookies")));
    QVERIFY(cookie.open(QIODevice::WriteOnly));
    cookie.write("session");
    cookie.close();
    QVERIFY(LoginProfile::prepare(dir)); // preparing again keeps it
    QVERIFY(QFile::exists(cookie.fileName()));
    QVERIFY(LoginProfile::clear(dir));
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY(!LoginProfile::clear(QStringLiteral("relative/path")));
}

void TestLoginProfile::refusesForeignFolder()
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("documents"));
    QVERIFY(QDir().mkpath(dir));
    QFile file(QDir(dir).filePath(QStringLiteral("plans.pdf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!LoginProfile::clear(dir, &error));
    QVERIFY(error.contains(QStringLiteral("not a sign-in profile")));
    QVERIFY(!LoginProfile::prepare(dir, &error)); // would make it deletable later
    QVERIFY(QFile::exists(file.fileName()));
    QVERIFY(!LoginProfile::clear(root.path())); // the parent is not ours either
}

void TestLoginProfile::oneFolderPerEnvironment()
{
    const QString production = LoginProfile::defaultDir(QStringLiteral("production"));
    const QString sandbox = LoginProfile::defaultDir(QStringLiteral("sandbox"));
    QVERIFY(production != sandbox);
    QCOMPARE(production, LoginProfile::defaultDir(QStringLiteral("production")));
    const QString root = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                         QStringLiteral("/login-profiles/");
    QVERIFY2(production.startsWith(root), qPrintable(production));
    QVERIFY2(sandbox.startsWith(root), qPrintable(sandbox));
    QVERIFY(!LoginProfile::legacyDir().startsWith(root));
}

QTEST_GUILESS_MAIN(TestLoginProfile)
#include "tst_loginprofile.moc"
