// The keychain locked in the middle of a session (the login collection locked over D-Bus, as a
// screen lock or the user would), then a token refresh: the app says so plainly once, keeps
// working with the new tokens in memory, writes no token to any file, and a later start with
// the keychain still locked asks cleanly for a sign-in.
// Runs in its own keyring session and HOME (see CMakeLists.txt): it locks that keyring.
#include "faultreport.h"
#include "faultsession.h"

#include "api/apiclient.h"
#include "auth/keychaintokenstore.h"
#include "filescontaining.h"
#include "model/projectlistmodel.h"
#include "signedinseed.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

namespace {

bool lockLoginCollection(QString *why)
{
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"),
                QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    if (!lock.waitForFinished(10000) || lock.exitCode() != 0) {
        *why = QString::fromUtf8(lock.readAllStandardError());
        return false;
    }
    const QByteArray reply = lock.readAllStandardOutput();
    *why = QString::fromUtf8(reply);
    return reply.contains("/org/freedesktop/secrets/collection/login");
}

// `auth`, when given, receives the session's token owner (for the tokens it holds).
Session *makeSession(const EmulatorProcess &emulator, TokenStore *store,
                     QNetworkAccessManager *network, const QString &cache,
                     ProcoreAuth **auth = nullptr)
{
    const Session::Parts parts = Session::makeParts(SignedInSeed::environment(emulator),
                                                    SignedInSeed::client(), store, network);
    parts.auth->setProactiveRefresh(false);
    if (auth)
        *auth = parts.auth;
    return new Session(parts, cache);
}

} // namespace

class TestFaultsKeychain final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void lockedMidSession();

private:
    EmulatorProcess m_emulator;
    FaultReport m_report{QStringLiteral("tst_faultskeychain")};
};

void TestFaultsKeychain::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME"),
             "run under scripts/test-session.sh: this test locks the session's real keyring");
    QLoggingCategory::setFilterRules(QStringLiteral("procore.*.info=false"));
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
}

void TestFaultsKeychain::cleanupTestCase()
{
    m_report.finish();
}

void TestFaultsKeychain::lockedMidSession()
{
    const QString home = qEnvironmentVariable("PROCORE_TEST_HOME");
    QTemporaryDir cache;
    KeychainTokenStore store;
    QNetworkAccessManager network;
    ProcoreAuth *auth = nullptr;
    std::unique_ptr<Session> session(
        makeSession(m_emulator, &store, &network, cache.path(), &auth));

    // Signed in, tokens saved in the (still unlocked) keychain.
    QString why;
    QVERIFY2(SignedInSeed::signIn(*session, &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(session->state() == Session::State::SignedIn &&
                                 !session->isLoading() && session->projects()->count() > 0,
                             20000);
    QVERIFY(!session->problem().isError());
    const int listed = session->projects()->count();
    const QString signInAccess = auth->accessToken();

    FaultRow row;
    row.fault = QStringLiteral("keychain locked mid-session, then a token refresh");
    QVERIFY2(lockLoginCollection(&why), qPrintable(why));
    row.injected = 1;
    QVERIFY(m_emulator.resetCounters());
    QVERIFY(m_emulator.expireAllTokens()); // the next request gets a 401 and refreshes

    QSignalSpy problems(session.get(), &Session::problemChanged);
    session->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator.counter("refreshes") == 1 && !session->isLoading(), 20000);
    QList<ProcoreError> keychainProblems;
    for (const QList<QVariant> &args : problems) {
        const auto problem = args.first().value<ProcoreError>();
        if (problem.kind == ProcoreError::Kind::Keychain)
            keychainProblems << problem;
    }
    QCOMPARE(keychainProblems.size(), 1);
    row.outcome = ProcoreError::kindName(ProcoreError::Kind::Keychain);
    row.message = keychainProblems.first().message;
    QVERIFY2(row.message.contains(QStringLiteral("locked")), qPrintable(row.message));

    // Still signed in, on the refreshed tokens, which live in memory only.
    QCOMPARE(session->state(), Session::State::SignedIn);
    QCOMPARE(session->projects()->count(), listed);
    const QString access = auth->accessToken();
    QVERIFY(access != signInAccess);
    QSignalSpy refreshed(auth, &TokenSource::tokensRefreshed);
    auth->refresh(); // and the grant keeps rotating from memory
    QVERIFY(refreshed.wait(10000));
    row.tokensLost = auth->isSignedIn() ? 0 : 1;
    QCOMPARE(m_emulator.counter("refreshTokenReuse"), 0);
    const QStringList leaked = filesContaining(
        home, {access.toUtf8(), auth->accessToken().toUtf8(), signInAccess.toUtf8()});
    QVERIFY2(leaked.isEmpty(), qPrintable(leaked.join(QStringLiteral(", "))));
    row.requests = m_emulator.allRequests();
    m_report.add(row);

    // A later start while the keychain stays locked: a sign-in prompt that says why.
    session.reset();
    FaultRow next;
    next.fault = QStringLiteral("start with the keychain still locked");
    KeychainTokenStore store2;
    std::unique_ptr<Session> second(makeSession(m_emulator, &store2, &network, cache.path()));
    second->start();
    QTRY_VERIFY_WITH_TIMEOUT(second->state() == Session::State::SignedOut, 20000);
    next.outcome = ProcoreError::kindName(second->problem().kind);
    next.message = second->problem().message;
    // A clean sign-in prompt. libsecret reports an entry in a locked collection as missing
    // (no error), so the app cannot tell this from a keychain cleared by hand.
    QCOMPARE(second->problem().kind, ProcoreError::Kind::SignInNeeded);
    QVERIFY(!next.message.isEmpty());
    QCOMPARE(m_emulator.counter("refreshTokenReuse"), 0);
    m_report.add(next); // tokens lost 0: the grant is still valid at Procore, only unreadable
}

QTEST_GUILESS_MAIN(TestFaultsKeychain)
#include "tst_faultskeychain.moc"
