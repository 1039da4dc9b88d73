// KeychainTokenStore against the real Secret Service that scripts/test-session.sh provides
// (private D-Bus session, unlocked gnome-keyring, throwaway HOME), and without any keychain.
#include "auth/keychainchunks.h"
#include "auth/keychaintokenstore.h"
#include "authharness.h"
#include "common/utc.h"
#include "support/filescontaining.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <qt6keychain/keychain.h>

using Kind = ProcoreError::Kind;

namespace {

bool inTestSession()
{
    return !qEnvironmentVariableIsEmpty("PROCORE_TEST_HOME");
}

QString randomText(int length)
{
    static const QByteArray alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString text;
    for (int i = 0; i < length; ++i)
        text += QLatin1Char(alphabet.at(int(QRandomGenerator::global()->bounded(alphabet.size()))));
    return text;
}

TokenSet sampleTokens(int accessLength = 64)
{
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("acc") + randomText(accessLength - 3);
    tokens.refreshToken = QStringLiteral("ref") + randomText(61);
    tokens.expiresAt =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 5400, Utc::zone);
    tokens.userId = QStringLiteral("12345");
    return tokens;
}

struct Outcome
{
    TokenSet tokens;
    ProcoreError error;
};

Outcome waitLoad(TokenStore &store, const QString &key)
{
    QSignalSpy spy(&store, &TokenStore::loadFinished);
    const int id = store.load(key);
    if (!spy.wait(15000) || spy.first().at(0).toInt() != id)
        return {{}, ProcoreError(Kind::Cancelled, QStringLiteral("no answer"))};
    return {spy.first().at(1).value<TokenSet>(), spy.first().at(2).value<ProcoreError>()};
}

ProcoreError waitSave(TokenStore &store, const QString &key, const TokenSet &tokens)
{
    QSignalSpy spy(&store, &TokenStore::saveFinished);
    store.save(key, tokens);
    if (!spy.wait(15000))
        return ProcoreError(Kind::Cancelled, QStringLiteral("no answer"));
    return spy.first().at(1).value<ProcoreError>();
}

ProcoreError waitRemove(TokenStore &store, const QString &key)
{
    QSignalSpy spy(&store, &TokenStore::removeFinished);
    store.remove(key);
    if (!spy.wait(15000))
        return ProcoreError(Kind::Cancelled, QStringLiteral("no answer"));
    return spy.first().at(1).value<ProcoreError>();
}

// The "user" attributes of the items secret-tool finds for our service.
QStringList keychainEntries()
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    // QtKeychain's libsecret backend names the service in the attribute "server".
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                KeychainTokenStore::serviceName()});
    tool.waitForFinished(10000);
    QStringList users;
    const auto lines = QString::fromUtf8(tool.readAll()).split(QLatin1Char('\n'));
    // Other suites share the session's keyring; only this suite's entries (ports 1-4, which
    // no emulator uses) count here.
    static const QRegularExpression ours(QStringLiteral("^custom:127\\.0\\.0\\.1:[1-4]/"));
    for (const QString &line : lines) {
        const QString user = line.mid(17).trimmed();
        if (line.startsWith(QLatin1String("attribute.user = ")) && ours.match(user).hasMatch())
            users.append(user);
    }
    users.sort();
    return users;
}

} // namespace

class TestKeychainTokenStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void errorMapping_data();
    void errorMapping();
    void roundTrip();
    void largeValueIsChunked();
    void nothingOutsideTheKeyring();
    void unavailableKeychain();
};

// What runs in the child process of TestKeychainTokenStore::unavailableKeychain(), where the
// session bus leads nowhere (main() picks this suite from PROCORE_KEYCHAIN_CHILD).
class TestKeychainUnavailable final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signInWithoutKeychain();
};

void TestKeychainUnavailable::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keychaintokenstore"));
}

void TestKeychainTokenStore::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keychaintokenstore"));
}

void TestKeychainTokenStore::errorMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    // Texts as seen from QtKeychain 0.13 on Debian 12 (machine notes).
    QTest::newRow("no session bus")
        << int(QKeychain::OtherError) << "Cannot autolaunch D-Bus without X11 $DISPLAY"
        << "No system keychain";
    QTest::newRow("bus address dead")
        << int(QKeychain::OtherError) << "Could not connect: No such file or directory"
        << "No system keychain";
    QTest::newRow("no secret service")
        << int(QKeychain::OtherError)
        << "The name org.freedesktop.secrets was not provided by any .service files"
        << "No system keychain";
    QTest::newRow("keyring locked")
        << int(QKeychain::OtherError)
        << "Object does not exist at path \"/org/freedesktop/secrets/collection/login\""
        << "locked";
    QTest::newRow("access denied") << int(QKeychain::AccessDenied) << ""
                                   << "locked";
    QTest::newRow("user said no") << int(QKeychain::AccessDeniedByUser) << ""
                                  << "allow";
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << ""
                                << "No system keychain";
    QTest::newRow("other") << int(QKeychain::OtherError) << "disk full"
                           << "disk full";
}

void TestKeychainTokenStore::errorMapping()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QString, says);
    const ProcoreError error = KeychainTokenStore::errorFor(code, text);
    QCOMPARE(error.kind, Kind::Keychain);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QVERIFY(error.detail.contains(QString::number(code)));
}

void TestKeychainTokenStore::roundTrip()
{
    QVERIFY2(inTestSession(), "run under scripts/test-session.sh: needs its private keyring");
    KeychainTokenStore store;
    const QString key = QStringLiteral("custom:127.0.0.1:1/12345");
    const TokenSet tokens = sampleTokens();
    QCOMPARE(waitLoad(store, key).error.kind, Kind::None); // nothing yet, and no error
    QVERIFY(waitLoad(store, key).tokens.isEmpty());
    QCOMPARE(waitSave(store, key, tokens).kind, Kind::None);
    QCOMPARE(keychainEntries(), QStringList{key});
    // A fresh store (the next app start) reads it back.
    KeychainTokenStore next;
    const Outcome loaded = waitLoad(next, key);
    QCOMPARE(loaded.error.kind, Kind::None);
    QCOMPARE(loaded.tokens, tokens);
    // A rotation overwrites the one entry.
    const TokenSet rotated = sampleTokens();
    QCOMPARE(waitSave(next, key, rotated).kind, Kind::None);
    QCOMPARE(waitLoad(store, key).tokens, rotated);
    QCOMPARE(keychainEntries(), QStringList{key});
    QCOMPARE(waitRemove(store, key).kind, Kind::None);
    QVERIFY(waitLoad(store, key).tokens.isEmpty());
    QVERIFY(keychainEntries().isEmpty());
    QCOMPARE(waitRemove(store, key).kind, Kind::None); // removing nothing is fine
}

void TestKeychainTokenStore::largeValueIsChunked()
{
    QVERIFY2(inTestSession(), "run under scripts/test-session.sh: needs its private keyring");
    // Windows' 2,560-byte limit, applied here so the chunking runs against a real keychain.
    KeychainTokenStore store(nullptr, KeychainChunks::kWindowsLimit);
    const QString key = QStringLiteral("custom:127.0.0.1:2/12345");
    const TokenSet big = sampleTokens(6000);
    QVERIFY(big.toJson().size() > 2 * KeychainChunks::kWindowsLimit);
    QCOMPARE(waitSave(store, key, big).kind, Kind::None);
    QCOMPARE(keychainEntries(),
             (QStringList{key, key + QStringLiteral("#1"), key + QStringLiteral("#2")}));
    KeychainTokenStore reader(nullptr, KeychainChunks::kWindowsLimit);
    QCOMPARE(waitLoad(reader, key).tokens, big);

    // Shrinking removes the leftover chunks (the next request runs after the clean-up).
    const TokenSet small = sampleTokens();
    QCOMPARE(waitSave(store, key, small).kind, Kind::None);
    QCOMPARE(waitLoad(store, key).tokens, small);
    QCOMPARE(keychainEntries(), QStringList{key});

    // A store that does not know the count (new process) still removes every chunk.
    QCOMPARE(waitSave(store, key, big).kind, Kind::None);
    KeychainTokenStore remover(nullptr, KeychainChunks::kWindowsLimit);
    QCOMPARE(waitRemove(remover, key).kind, Kind::None);
    QVERIFY2(keychainEntries().isEmpty(), qPrintable(keychainEntries().join(u',')));
}

void TestKeychainTokenStore::nothingOutsideTheKeyring()
{
    QVERIFY2(inTestSession(), "run under scripts/test-session.sh: needs its throwaway HOME");
    KeychainTokenStore store;
    const QString key = QStringLiteral("custom:127.0.0.1:3/12345");
    const TokenSet tokens = sampleTokens(3000);
    QCOMPARE(waitSave(store, key, tokens).kind, Kind::None);
    QSettings().sync();
    const QString home = qEnvironmentVariable("PROCORE_TEST_HOME");
    QVERIFY(QDir(home + QStringLiteral("/.local/share/keyrings")).exists());
    for (const QString &secret : {tokens.accessToken.left(40), tokens.refreshToken}) {
        const QByteArray text = secret.toUtf8();
        QVERIFY2(filesContaining(home, {text}).isEmpty(),
                 qPrintable(filesContaining(home, {text}).join(u',')));
        const QByteArray base64 = text.toBase64().left(32);
        QVERIFY2(filesContaining(home, {base64}).isEmpty(),
                 qPrintable(filesContaining(home, {base64}).join(u',')));
    }
    QCOMPARE(waitRemove(store, key).kind, Kind::None);
}

void TestKeychainTokenStore::unavailableKeychain()
{
    // A child of this binary with a session bus address that leads nowhere and no display to
    // autolaunch one: what a user without any Secret Service gets.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PROCORE_KEYCHAIN_CHILD"), QStringLiteral("1"));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent/procore-bus"));
    env.remove(QStringLiteral("DISPLAY"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), QStringList{});
    QVERIFY(child.waitForFinished(60000));
    const QString output = QString::fromUtf8(child.readAll());
    QVERIFY2(child.exitCode() == 0, qPrintable(output));
    QVERIFY2(
        output.contains(QLatin1String("PASS   : TestKeychainUnavailable::signInWithoutKeychain()")),
        qPrintable(output));
}

void TestKeychainUnavailable::signInWithoutKeychain()
{
    const QString key = QStringLiteral("custom:127.0.0.1:4/12345");
    KeychainTokenStore store;
    const ProcoreError saved = waitSave(store, key, sampleTokens());
    QCOMPARE(saved.kind, Kind::Keychain);
    QVERIFY2(saved.message.contains(QLatin1String("No system keychain")),
             qPrintable(saved.message));
    QCOMPARE(waitLoad(store, key).error.kind, Kind::Keychain);

    // ProcoreAuth signs in anyway, keeps the tokens in memory and says so once.
    AuthHarness h;
    QVERIFY(h.start());
    ProcoreAuth auth(h.environment(), h.client(), &store, &h.network);
    QSignalSpy errors(&auth, &ProcoreAuth::errorOccurred);
    QString why;
    QVERIFY2(SignedInSeed::signIn(auth, &why), qPrintable(why));
    QCOMPARE(h.meStatus(auth.accessToken()), 200);
    QSignalSpy refreshed(&auth, &TokenSource::tokensRefreshed);
    auth.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(h.meStatus(auth.accessToken()), 200);
    QCOMPARE(errors.count(), 1);
    const ProcoreError told = errors.first().first().value<ProcoreError>();
    QCOMPARE(told.kind, Kind::Keychain);
    QVERIFY(told.message.contains(QLatin1String("No system keychain")));
    // Never a file instead: no token text anywhere in HOME.
    const QString home = QDir::homePath();
    QVERIFY2(filesContaining(home, {auth.accessToken().toUtf8()}).isEmpty(),
             "token text in a file");

    // The next start cannot read it and asks for a sign-in, saying why.
    ProcoreAuth next(h.environment(), h.client(), &store, &h.network);
    QSignalSpy needed(&next, &ProcoreAuth::signInNeeded);
    next.restore();
    QVERIFY(needed.wait(15000));
    QCOMPARE(needed.first().first().value<ProcoreError>().kind, Kind::Keychain);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    if (qEnvironmentVariableIsSet("PROCORE_KEYCHAIN_CHILD")) {
        TestKeychainUnavailable child;
        return QTest::qExec(&child, argc, argv);
    }
    TestKeychainTokenStore test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keychaintokenstore.moc"
