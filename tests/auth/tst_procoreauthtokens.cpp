// ProcoreAuth once signed in: refresh (rotation, one at a time, lost answers, revoked grants,
// offline), sign-out, restore and keychain trouble, against the emulator over real HTTP.
#include "auth/accountsettings.h"
#include "authharness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using Kind = ProcoreError::Kind;

namespace {

ProcoreError firstError(const QSignalSpy &spy)
{
    return spy.isEmpty() ? ProcoreError() : spy.first().first().value<ProcoreError>();
}

QJsonObject tokenFault(const char *kind)
{
    return QJsonObject{{QStringLiteral("kind"), QLatin1String(kind)},
                       {QStringLiteral("count"), 1},
                       {QStringLiteral("path"), QStringLiteral("/oauth/token")}};
}

} // namespace

class TestProcoreAuthTokens final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void refreshRotatesAndStoresFirst();
    void concurrentRefreshIsOne();
    void lostAnswer_data();
    void lostAnswer();
    void revokedGrant();
    void offlineKeepsTokens();
    void proactiveRefreshIsPlanned_data();
    void proactiveRefreshIsPlanned();
    void proactiveRefreshBeforeExpiry();
    void signOutRevokesAndWipes();
    void signOutOffline();
    void signOutFindsEveryIndexedEntry();
    void signOutReportsWhatIsLeft();
    void restoreFirstRunAndMissingEntry();
    void keychainFailureFallsBackToMemory();
    void refreshSentByAnEndedRunIsNeverResent();
};

void TestProcoreAuthTokens::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_procoreauthtokens"));
}

void TestProcoreAuthTokens::init()
{
    QSettings().clear();
}

void TestProcoreAuthTokens::refreshRotatesAndStoresFirst()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    const TokenSet before = h.store.entries().value(h.environment().key() + u'/' + auth->userId());
    QVERIFY(!before.refreshToken.isEmpty());
    const QString oldAccess = auth->accessToken();
    QVERIFY(h.emulator.resetCounters());

    TokenSet storedAtSignal;
    connect(auth.get(), &TokenSource::tokensRefreshed, this, [&] {
        storedAtSignal = h.store.entries().value(h.environment().key() + u'/' + auth->userId());
    });
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    QSignalSpy failed(auth.get(), &TokenSource::refreshFailed);
    auth->refresh();
    QVERIFY(auth->isRefreshing());
    QCOMPARE(auth->state(), ProcoreAuth::State::Refreshing);
    QCOMPARE(auth->accessToken(), oldAccess); // usable while the refresh runs
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!auth->isRefreshing());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedIn);
    QVERIFY(auth->accessToken() != oldAccess);
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
    // The rotated pair was in the store before anyone heard of it, as one entry.
    QCOMPARE(storedAtSignal.accessToken, auth->accessToken());
    QVERIFY(storedAtSignal.refreshToken != before.refreshToken);
    QCOMPARE(storedAtSignal.expiresAt, auth->expiresAt());
    QCOMPARE(h.store.entries().size(), 1);
    QCOMPARE(h.emulator.counter("refreshes"), 1);
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);

    // And again with the new refresh token.
    auth->refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(h.emulator.counter("refreshes"), 2);
    QCOMPARE(h.emulator.counter("refreshFailures"), 0);
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
}

void TestProcoreAuthTokens::concurrentRefreshIsOne()
{
    AuthHarness h;
    QVERIFY(h.start({QStringLiteral("--latency"), QStringLiteral("200")}));
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QVERIFY(h.emulator.resetCounters());
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    for (int i = 0; i < 10; ++i)
        auth->refresh();
    QVERIFY(refreshed.wait(10000));
    QTest::qWait(300);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(h.emulator.counter("refreshes"), 1);
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
}

void TestProcoreAuthTokens::lostAnswer_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<int>("serverRefreshes"); // did the emulator process (and spend) it?
    QTest::newRow("connection dropped mid-answer") << QByteArray("drop") << 1;
    QTest::newRow("answer never comes (timeout)") << QByteArray("stall") << 1;
    QTest::newRow("malformed answer") << QByteArray("malformed") << 1;
    // Answered before the grant logic ran; the app cannot know that, so it still gives up.
    QTest::newRow("server error") << QByteArray("5xx") << 0;
}

void TestProcoreAuthTokens::lostAnswer()
{
    QFETCH(QByteArray, fault);
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    auth->setRequestTimeout(1500);
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QVERIFY(h.emulator.resetCounters());
    QVERIFY(h.emulator.setFault(tokenFault(fault.constData())));

    QSignalSpy failed(auth.get(), &TokenSource::refreshFailed);
    QSignalSpy needed(auth.get(), &ProcoreAuth::signInNeeded);
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    auth->refresh();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(firstError(failed).kind, Kind::SignInNeeded);
    QCOMPARE(needed.count(), 1);
    QCOMPARE(refreshed.count(), 0);
    QVERIFY(!auth->isSignedIn());
    QVERIFY(!auth->isRefreshing());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QTRY_VERIFY(h.store.entries().isEmpty());
    QTEST(h.emulator.counter("refreshes"), "serverRefreshes");

    // Nothing can make it send the spent refresh token again.
    QVERIFY(h.emulator.clearFaults());
    auth->refresh();
    QVERIFY(failed.wait(2000));
    QCOMPARE(firstError(failed).kind, Kind::SignInNeeded);
    QTest::qWait(200);
    QTEST(h.emulator.counter("refreshes"), "serverRefreshes");
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 1);
}

void TestProcoreAuthTokens::revokedGrant()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QVERIFY(h.emulator.revokeAllGrants());
    QSignalSpy failed(auth.get(), &TokenSource::refreshFailed);
    QSignalSpy needed(auth.get(), &ProcoreAuth::signInNeeded);
    auth->refresh();
    QVERIFY(failed.wait(10000));
    QCOMPARE(firstError(failed).kind, Kind::SignInNeeded);
    QCOMPARE(needed.count(), 1);
    QVERIFY(firstError(needed).detail.contains(QStringLiteral("invalid_grant")));
    QVERIFY(!auth->isSignedIn());
    QTRY_VERIFY(h.store.entries().isEmpty());
    // The next start asks to sign in again, with a reason.
    auto next = h.makeAuth();
    QSignalSpy nextNeeded(next.get(), &ProcoreAuth::signInNeeded);
    next->restore();
    QVERIFY(nextNeeded.wait(2000));
    QCOMPARE(firstError(nextNeeded).kind, Kind::SignInNeeded);
}

void TestProcoreAuthTokens::offlineKeepsTokens()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    const QString access = auth->accessToken();
    const auto stored = h.store.entries();
    h.emulator.stop();

    QSignalSpy failed(auth.get(), &TokenSource::refreshFailed);
    QSignalSpy needed(auth.get(), &ProcoreAuth::signInNeeded);
    QElapsedTimer timer;
    timer.start();
    auth->refresh();
    QVERIFY(failed.wait(5000));
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(firstError(failed).kind, Kind::Offline);
    QCOMPARE(needed.count(), 0);
    QVERIFY(auth->isSignedIn());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedIn);
    QCOMPARE(auth->accessToken(), access);
    QCOMPARE(h.store.entries(), stored);
    // The refresh token was not spent, so trying again is allowed (and fails the same way).
    auth->refresh();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.count(), 2);
    QCOMPARE(failed.last().first().value<ProcoreError>().kind, Kind::Offline);
}

void TestProcoreAuthTokens::proactiveRefreshIsPlanned_data()
{
    QTest::addColumn<int>("expiresIn");
    QTest::newRow("an hour") << 3600;
    QTest::newRow("two hours") << 7200;
    QTest::newRow("ten minutes") << 600;
}

// The mechanism, without waiting for it: the timer is set RefreshMarginSeconds before expiry,
// again for each new pair, and not at all when switched off.
void TestProcoreAuthTokens::proactiveRefreshIsPlanned()
{
    QFETCH(int, expiresIn);
    // A busy machine may take this long between the token answer and the check.
    constexpr int SlackMs = 20000;
    // Qt runs a coarse timer this long as a very coarse one, on whole seconds (+-500 ms).
    constexpr int RoundingMs = 1000;
    const int dueMs = (expiresIn - TokenSource::RefreshMarginSeconds) * 1000;
    AuthHarness h;
    QVERIFY(h.start({QStringLiteral("--expires-in"), QString::number(expiresIn)}));
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QVERIFY2(auth->proactiveRefreshInMs() <= dueMs + RoundingMs &&
                 auth->proactiveRefreshInMs() > dueMs - SlackMs,
             qPrintable(QString::number(auth->proactiveRefreshInMs())));

    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    auth->refresh();
    QCOMPARE(auth->proactiveRefreshInMs(), -1); // not while a refresh is out
    QVERIFY(refreshed.wait(10000));
    QVERIFY2(auth->proactiveRefreshInMs() <= dueMs + RoundingMs &&
                 auth->proactiveRefreshInMs() > dueMs - SlackMs,
             qPrintable(QString::number(auth->proactiveRefreshInMs())));

    auth->setProactiveRefresh(false);
    QCOMPARE(auth->proactiveRefreshInMs(), -1);
    auth->setProactiveRefresh(true);
    QVERIFY(auth->proactiveRefreshInMs() > dueMs - SlackMs);
}

void TestProcoreAuthTokens::proactiveRefreshBeforeExpiry()
{
    AuthHarness h;
    // 61 s lifetime: the refresh is due 60 s before expiry, i.e. about a second from now.
    QVERIFY(h.start({QStringLiteral("--expires-in"), QStringLiteral("61")}));
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    const QString first = auth->accessToken();
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    // The new pair is due again about a second later (sooner on a slow machine), so switch off
    // in the signal itself, before the event loop can start that refresh.
    connect(auth.get(), &TokenSource::tokensRefreshed, auth.get(),
            [&auth] { auth->setProactiveRefresh(false); });
    QVERIFY(refreshed.wait(5000));
    QVERIFY(auth->accessToken() != first);
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
    QCOMPARE(h.emulator.counter("refreshes"), 1);

    // Switched off, nothing happens on its own.
    QVERIFY(!refreshed.wait(1800));
    QCOMPARE(h.emulator.counter("refreshes"), 1);
}

void TestProcoreAuthTokens::signOutRevokesAndWipes()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    const QString access = auth->accessToken();
    QCOMPARE(h.tokenInfoStatus(access), 200);
    QSignalSpy signedOut(auth.get(), &ProcoreAuth::signedOut);
    auth->signOut();
    QCOMPARE(auth->state(), ProcoreAuth::State::SigningOut);
    QVERIFY(!auth->isSignedIn());
    QCOMPARE(signedOut.count(), 0); // never synchronous
    QVERIFY(signedOut.wait(5000));
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/revoke")), 1);
    QCOMPARE(h.tokenInfoStatus(access), 401);
    QVERIFY(h.store.entries().isEmpty());
    QVERIFY(
        !QSettings().contains(QStringLiteral("accounts/%1/lastUser").arg(h.environment().key())));
    // Next start: a first run again.
    auto next = h.makeAuth();
    QSignalSpy needed(next.get(), &ProcoreAuth::signInNeeded);
    next->restore();
    QVERIFY(needed.wait(2000));
    QCOMPARE(firstError(needed).kind, Kind::None);
}

void TestProcoreAuthTokens::signOutOffline()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    h.emulator.stop();
    QSignalSpy signedOut(auth.get(), &ProcoreAuth::signedOut);
    QElapsedTimer timer;
    timer.start();
    auth->signOut();
    QVERIFY(signedOut.wait(5000));
    QVERIFY(timer.elapsed() < 2500); // at most the revoke timeout
    QVERIFY(h.store.entries().isEmpty());
    QVERIFY(auth->accessToken().isEmpty());
    QCOMPARE(auth->state(), ProcoreAuth::State::SignedOut);
}

// An entry nobody remembers (its user's lastUser setting gone, as after a refresh that failed
// in one of two processes) still holds a live grant: sign-out finds it through the index.
void TestProcoreAuthTokens::signOutFindsEveryIndexedEntry()
{
    AuthHarness h;
    QVERIFY(h.start());
    QString why;
    auto first = h.makeAuth();
    QVERIFY2(SignedInSeed::signIn(*first, &why), qPrintable(why));
    const TokenSet orphan{first->accessToken(), QString(), first->expiresAt(),
                          QStringLiteral("5368709999")};
    AccountSettings account(h.environment().key());
    account.addEntry(orphan.userId);
    h.store.setEntry(account.entryKey(orphan.userId), orphan);
    first.reset();

    auto auth = h.makeAuth();
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QCOMPARE(h.store.entries().size(), 2);
    QCOMPARE(account.entryUsers().size(), 2);
    const QString current = auth->accessToken();
    QVERIFY(current != orphan.accessToken);
    QCOMPARE(h.tokenInfoStatus(orphan.accessToken), 200);

    QSignalSpy signedOut(auth.get(), &ProcoreAuth::signedOut);
    auth->signOut();
    QVERIFY(signedOut.wait(5000));
    QCOMPARE(signedOut.first().first().toStringList(), QStringList());
    QVERIFY(h.store.entries().isEmpty());
    QVERIFY(account.entryUsers().isEmpty());
    QCOMPARE(h.emulator.requests(QStringLiteral("login:/oauth/revoke")), 2); // one per grant
    QCOMPARE(h.tokenInfoStatus(orphan.accessToken), 401);
    QCOMPARE(h.tokenInfoStatus(current), 401);
}

void TestProcoreAuthTokens::signOutReportsWhatIsLeft()
{
    AuthHarness h;
    QVERIFY(h.start());
    QString why;
    auto auth = h.makeAuth();
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    const QString user = auth->userId();
    const QString key = h.environment().key() + QLatin1Char('/') + user;
    h.store.setFailure(ProcoreError(Kind::Keychain, QStringLiteral("The keychain is locked."),
                                    QStringLiteral("test")));
    QSignalSpy signedOut(auth.get(), &ProcoreAuth::signedOut);
    QSignalSpy errors(auth.get(), &ProcoreAuth::errorOccurred);
    auth->signOut();
    QVERIFY(signedOut.wait(5000));
    QCOMPARE(signedOut.first().first().toStringList(), QStringList{key});
    QCOMPARE(firstError(errors).kind, Kind::Keychain);
    QVERIFY(!auth->isSignedIn());
    AccountSettings account(h.environment().key());
    QCOMPARE(account.entryUsers(), QStringList{user});

    // The index still knows the entry, so a later sign-out (signed out already, nobody
    // remembered) finishes the job.
    h.store.setFailure({});
    QVERIFY(h.store.entries().contains(key));
    auto later = h.makeAuth();
    QSignalSpy again(later.get(), &ProcoreAuth::signedOut);
    later->signOut();
    QVERIFY(again.wait(5000));
    QCOMPARE(again.first().first().toStringList(), QStringList());
    QVERIFY(h.store.entries().isEmpty());
    QVERIFY(account.entryUsers().isEmpty());
}

void TestProcoreAuthTokens::restoreFirstRunAndMissingEntry()
{
    AuthHarness h;
    QVERIFY(h.start());
    auto auth = h.makeAuth();
    QSignalSpy needed(auth.get(), &ProcoreAuth::signInNeeded);
    auth->restore();
    QVERIFY(needed.wait(2000));
    QCOMPARE(firstError(needed).kind, Kind::None);

    // A remembered user whose entry is gone (keychain cleared by hand).
    QSettings().setValue(QStringLiteral("accounts/%1/lastUser").arg(h.environment().key()),
                         QStringLiteral("42"));
    auth->restore();
    QVERIFY(needed.wait(2000));
    QCOMPARE(needed.last().first().value<ProcoreError>().kind, Kind::SignInNeeded);
    QVERIFY(!auth->isSignedIn());
}

void TestProcoreAuthTokens::keychainFailureFallsBackToMemory()
{
    AuthHarness h;
    QVERIFY(h.start());
    h.store.setFailure(ProcoreError(Kind::Keychain, QStringLiteral("The keychain is locked."),
                                    QStringLiteral("test")));
    auto auth = h.makeAuth();
    QSignalSpy errors(auth.get(), &ProcoreAuth::errorOccurred);
    QString why;
    QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(firstError(errors).kind, Kind::Keychain);
    QVERIFY(firstError(errors).message.contains(QStringLiteral("only while the app is running")));
    QVERIFY(h.store.entries().isEmpty());
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
    // Refresh keeps working from memory; the user is not told twice.
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    auth->refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(h.meStatus(auth->accessToken()), 200);
    QCOMPARE(errors.count(), 1);
    QVERIFY(!QSettings()
                 .value(QStringLiteral("accounts/%1/lastUser").arg(h.environment().key()))
                 .toString()
                 .contains(auth->accessToken()));
}

// Found by tests/faults (procore-desktop killed with SIGKILL while its refresh hung): the next
// start restored the spent refresh token from the keychain and sent it again, and Procore
// revoked the whole grant as a reused token.
void TestProcoreAuthTokens::refreshSentByAnEndedRunIsNeverResent()
{
    AuthHarness h;
    QVERIFY(h.start());
    QString why;
    {
        auto auth = h.makeAuth();
        QVERIFY2(SignedInSeed::signIn(*auth, &why), qPrintable(why));
        QVERIFY(h.emulator.setFault(tokenFault("stall")));
        QVERIFY(h.emulator.resetCounters());
        auth->refresh();
        QTRY_COMPARE(h.emulator.requests(QStringLiteral("login:/oauth/token")), 1);
    } // the run ends before the answer, as if killed
    QVERIFY(h.emulator.clearFaults());
    QCOMPARE(h.store.entries().size(), 1); // still the pair whose refresh token Procore spent

    auto next = h.makeAuth();
    QSignalSpy needed(next.get(), &ProcoreAuth::signInNeeded);
    next->restore();
    QVERIFY(needed.wait(5000));
    QCOMPARE(firstError(needed).kind, Kind::SignInNeeded);
    QVERIFY(firstError(needed).message.contains(QStringLiteral("renewed")));
    QVERIFY(!next->isSignedIn());
    QTRY_VERIFY(h.store.entries().isEmpty());
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
    QCOMPARE(h.emulator.counter("refreshes"), 1);

    // After a new sign-in and a refresh that completes, a later start restores as usual.
    QVERIFY2(SignedInSeed::signIn(*next, &why), qPrintable(why));
    QSignalSpy refreshed(next.get(), &TokenSource::tokensRefreshed);
    next->refresh();
    QVERIFY(refreshed.wait(10000));
    auto third = h.makeAuth();
    QSignalSpy restored(third.get(), &ProcoreAuth::signedIn);
    third->restore();
    QVERIFY(restored.wait(5000));
    QCOMPARE(third->accessToken(), next->accessToken());
    QCOMPARE(h.emulator.counter("refreshTokenReuse"), 0);
}

QTEST_GUILESS_MAIN(TestProcoreAuthTokens)
#include "tst_procoreauthtokens.moc"
