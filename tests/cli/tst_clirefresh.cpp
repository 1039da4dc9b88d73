// Two real procore-desktop processes on one expired sign-in, as when the window and
// --list-projects (or two terminal runs) refresh at once. Procore's refresh tokens are single-use:
// without the cross-process lock the second process sends the token the first has already
// rotated, gets invalid_grant, and deletes the keychain entry holding the valid new pair.
// besideWindow starts the real window (on the test session's display) beside a terminal run.
#include "auth/accountlock.h"
#include "auth/accountsettings.h"
#include "auth/keychaintokenstore.h"
#include "emulatorprocess.h"
#include "signedinseed.h"
#include "testhome.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

class TestCliRefresh final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void orderings_data();
    void orderings();
    void besideWindow();
    void lockCost();

private:
    std::unique_ptr<QProcess> startList(const EmulatorProcess &emulator) const;
    std::unique_ptr<QProcess> startWindow(const EmulatorProcess &emulator) const;
    // Takes the environment's sign-in lock in this process; null if it could not.
    static std::unique_ptr<AccountLock> holdLock(const EmulatorProcess &emulator);
    static int tokenRequests(const EmulatorProcess &emulator);

    QTemporaryDir m_home;
};

void TestCliRefresh::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test uses the real keychain");
    QVERIFY(m_home.isValid());
    TestHome::use(m_home.path());
}

std::unique_ptr<QProcess> TestCliRefresh::startList(const EmulatorProcess &emulator) const
{
    auto process = std::make_unique<QProcess>();
    process->start(QStringLiteral(PROCORE_DESKTOP_PATH),
                   {QStringLiteral("--login-url"), emulator.loginUrl().toString(),
                    QStringLiteral("--api-url"), emulator.apiUrl().toString(),
                    QStringLiteral("--list-projects"), QStringLiteral("--json")});
    return process;
}

// The window as a desktop starts it, on the test session's display, printing a line once its
// project table has painted rows (PROCORE_BENCH_TIMESTAMPS, as tst_desktopapp uses it).
std::unique_ptr<QProcess> TestCliRefresh::startWindow(const EmulatorProcess &emulator) const
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PROCORE_BENCH_TIMESTAMPS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("procore.*.info=true"));
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(PROCORE_DESKTOP_PATH),
                   {QStringLiteral("--login-url"), emulator.loginUrl().toString(),
                    QStringLiteral("--api-url"), emulator.apiUrl().toString()});
    return process;
}

std::unique_ptr<AccountLock> TestCliRefresh::holdLock(const EmulatorProcess &emulator)
{
    auto lock = std::make_unique<AccountLock>(SignedInSeed::environment(emulator).key(), 5000);
    QSignalSpy locked(lock.get(), &AccountLock::finished);
    lock->acquire();
    if (!locked.wait(10000) || !locked.first().first().toBool())
        return nullptr;
    return lock;
}

int TestCliRefresh::tokenRequests(const EmulatorProcess &emulator)
{
    return emulator.requests(QStringLiteral("login:/oauth/token"));
}

// When the second process starts, and what happens to the first.
enum class Ordering { Together, SecondDuringRefresh, HolderKilled, HolderKilledBesideWaiter };

void TestCliRefresh::orderings_data()
{
    QTest::addColumn<Ordering>("ordering");
    QTest::addColumn<int>("secondExit");
    QTest::addColumn<int>("thirdExit");
    // Both restore the same expired pair; one refreshes, the other waits on the lock, reads
    // the rotated pair from the keychain and sends nothing.
    QTest::newRow("together") << Ordering::Together << 0 << 0;
    QTest::newRow("second starts while the first refreshes")
        << Ordering::SecondDuringRefresh << 0 << 0;
    // The holder dies with its refresh token sent: the lock is free again (dead process ID),
    // its crash marker tells the next run that token is spent, and it is never sent again.
    QTest::newRow("lock holder killed with SIGKILL") << Ordering::HolderKilled << 1 << 1;
    // Both run on the same expired pair; the one that took the lock is killed with its refresh
    // token sent, while the other waits on the lock holding that same token in memory. It must
    // not send it again (Procore spent it on arrival): it drops the entry and asks for a sign-in.
    // "second" is the waiter here, whichever of the two started first.
    QTest::newRow("second crashes while holding the lock")
        << Ordering::HolderKilledBesideWaiter << 1 << 1;
}

void TestCliRefresh::orderings()
{
    QFETCH(Ordering, ordering);
    QFETCH(int, secondExit);
    QFETCH(int, thirdExit);
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--projects"), QStringLiteral("5")}),
             qPrintable(emulator.errorString()));
    KeychainTokenStore store;
    const auto seeded = SignedInSeed::seed(emulator, &store, 5);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    QVERIFY(emulator.expireAllTokens());
    QVERIFY(emulator.resetCounters());
    const bool holderDies =
        ordering == Ordering::HolderKilled || ordering == Ordering::HolderKilledBesideWaiter;
    // Slow (or, for the holder that dies, never) answers to the refresh, so the runs overlap.
    QVERIFY(emulator.setFault(QJsonObject{
        {QStringLiteral("kind"), holderDies ? QStringLiteral("stall") : QStringLiteral("latency")},
        {QStringLiteral("ms"), 1500},
        {QStringLiteral("count"), -1},
        {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));

    // For the waiter case this test holds the lock until both runs have restored the expired
    // pair and been refused with it, so both refresh with the same token in memory.
    const QString key = SignedInSeed::environment(emulator).key();
    std::unique_ptr<AccountLock> gate;
    if (ordering == Ordering::HolderKilledBesideWaiter) {
        gate = holdLock(emulator);
        QVERIFY(gate);
    }
    auto first = startList(emulator);
    std::unique_ptr<QProcess> second;
    if (ordering == Ordering::Together || gate)
        second = startList(emulator);
    if (gate) {
        QTRY_COMPARE_WITH_TIMEOUT(emulator.requests(QStringLiteral("api:/rest/v1.0/companies")), 2,
                                  20000);
        gate.reset(); // unlocks
    }
    QTRY_COMPARE_WITH_TIMEOUT(tokenRequests(emulator), 1, 20000); // the lock holder's refresh
    if (ordering == Ordering::HolderKilledBesideWaiter) {
        // The lock file names the process that took it: that one dies, as "first".
        qint64 holder = 0;
        QString host;
        QString application;
        QVERIFY(QLockFile(AccountLock::lockPath(key)).getLockInfo(&holder, &host, &application));
        if (second->processId() == holder)
            std::swap(first, second);
        QCOMPARE(first->processId(), holder);
        QCOMPARE(second->state(), QProcess::Running);
    }
    if (holderDies) {
        first->kill();
        QVERIFY(first->waitForFinished(10000));
        QVERIFY(emulator.clearFaults());
    }
    if (!second)
        second = startList(emulator);

    QVERIFY(second->waitForFinished(60000));
    const QByteArray secondErr = second->readAllStandardError();
    QVERIFY2(second->exitStatus() == QProcess::NormalExit, secondErr.constData());
    QVERIFY2(second->exitCode() == secondExit, secondErr.constData());
    if (!holderDies) {
        QVERIFY(first->waitForFinished(60000));
        QVERIFY2(first->exitCode() == 0, first->readAllStandardError().constData());
        QCOMPARE(QJsonDocument::fromJson(second->readAllStandardOutput()).array().size(), 5);
    } else {
        QVERIFY2(secondErr.contains("renewed"), secondErr.constData());
    }
    QCOMPARE(emulator.counter("refreshes"), 1); // one refresh token sent, by one process
    QCOMPARE(emulator.counter("refreshTokenReuse"), 0);

    QVERIFY(emulator.clearFaults());
    auto third = startList(emulator);
    QVERIFY(third->waitForFinished(30000));
    QVERIFY2(third->exitCode() == thirdExit, third->readAllStandardError().constData());
    QCOMPARE(emulator.counter("refreshTokenReuse"), 0);
}

// The window and --list-projects refresh the same expired sign-in at once: one of them sends
// the refresh token, the other waits on the lock and takes the rotated pair from the keychain.
// No offline copy, so the window's rows can only come from its own project requests.
void TestCliRefresh::besideWindow()
{
    EmulatorProcess emulator;
    QVERIFY2(emulator.start({QStringLiteral("--projects"), QStringLiteral("5")}),
             qPrintable(emulator.errorString()));
    KeychainTokenStore store;
    QTemporaryDir elsewhere;
    const auto seeded = SignedInSeed::seed(emulator, &store, 5, elsewhere.path());
    QVERIFY2(seeded.ok(), qPrintable(seeded.error));
    QVERIFY(emulator.expireAllTokens());
    QVERIFY(emulator.resetCounters());
    QVERIFY(
        emulator.setFault(QJsonObject{{QStringLiteral("kind"), QStringLiteral("latency")},
                                      {QStringLiteral("ms"), 1500},
                                      {QStringLiteral("count"), -1},
                                      {QStringLiteral("path"), QStringLiteral("/oauth/token")}}));

    // Held here until both have restored the expired pair and sent it to Procore, so both
    // refresh it at once whatever their start-up times.
    std::unique_ptr<AccountLock> gate = holdLock(emulator);
    QVERIFY(gate);
    auto window = startWindow(emulator);
    auto list = startList(emulator);
    QVERIFY(window->waitForStarted(10000));
    QTRY_COMPARE_WITH_TIMEOUT(emulator.requests(QStringLiteral("api:/rest/v1.0/companies")), 2,
                              30000);
    gate.reset(); // unlocks
    QVERIFY(list->waitForFinished(60000));
    QVERIFY2(list->exitCode() == 0, list->readAllStandardError().constData());
    QCOMPARE(QJsonDocument::fromJson(list->readAllStandardOutput()).array().size(), 5);
    QByteArray windowOut;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (windowOut += window->readAllStandardOutput()).contains("first-projects-paint"),
        window->readAllStandardError().right(4000).constData(), 30000);
    QCOMPARE(window->state(), QProcess::Running);
    // The list asks for one page of 5; the window's own request comes on top.
    QVERIFY(emulator.requests(QStringLiteral("api:/rest/v1.1/projects")) >= 2);
    QCOMPARE(emulator.counter("refreshes"), 1);
    QCOMPARE(emulator.counter("refreshTokenReuse"), 0);
    window->terminate();
    QVERIFY(window->waitForFinished(10000));

    QVERIFY(emulator.clearFaults());
    auto third = startList(emulator);
    QVERIFY(third->waitForFinished(30000));
    QVERIFY2(third->exitCode() == 0, third->readAllStandardError().constData());
    QCOMPARE(QJsonDocument::fromJson(third->readAllStandardOutput()).array().size(), 5);
    QCOMPARE(emulator.counter("refreshTokenReuse"), 0);
}

// What the lock adds to a refresh: taking and releasing the lock file plus the keychain
// re-read of the entry, measured against the real Secret Service.
void TestCliRefresh::lockCost()
{
    EmulatorProcess emulator;
    QVERIFY(emulator.start({QStringLiteral("--projects"), QStringLiteral("1")}));
    KeychainTokenStore store;
    QVERIFY(SignedInSeed::seed(emulator, &store, 1).ok());
    const QString key = SignedInSeed::environment(emulator).key();
    const AccountSettings account(key);
    QList<qint64> lockOnly;
    QList<qint64> withReread;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer timer;
        timer.start();
        AccountLock lock(key, 5000);
        QSignalSpy locked(&lock, &AccountLock::finished);
        lock.acquire();
        QVERIFY(locked.wait(5000));
        QVERIFY(locked.first().first().toBool());
        lockOnly << timer.nsecsElapsed() / 1000;
        TokenStoreJob *read = store.loadJob(account.entryKey(account.lastUser()), &store);
        QSignalSpy readDone(read, &TokenStoreJob::finished);
        QVERIFY(readDone.wait(5000));
        lock.unlock();
        withReread << timer.nsecsElapsed() / 1000;
    }
    std::sort(lockOnly.begin(), lockOnly.end());
    std::sort(withReread.begin(), withReread.end());
    qInfo("lock cost on a refresh: lock file take+release median %.2f ms; with the keychain "
          "re-read median %.2f ms (max %.2f ms), 20 runs",
          lockOnly.at(10) / 1000.0, withReread.at(10) / 1000.0, withReread.last() / 1000.0);
}

QTEST_GUILESS_MAIN(TestCliRefresh)
#include "tst_clirefresh.moc"
