#include "links/instancemessage.h"
#include "links/singleinstance.h"

#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <csignal>

class TestSingleInstance final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void messageRoundTrip();
    void decodeRejects_data();
    void decodeRejects();
    void secondLaunchForwards();
    void socketIsPrivate();
    void staleSocketRecovered();
    void garbageClientIsRefused();
    void silentClientIsDropped();
    void windowsPipeNameCarriesTheSid();

private:
    QString name() const { return m_dir.filePath(QStringLiteral("instance.sock")); }
    QProcess *forwarder(const QStringList &arguments);
    QTemporaryDir m_dir;
};

void TestSingleInstance::init()
{
    QVERIFY(m_dir.isValid());
    QLocalServer::removeServer(name());
}

QProcess *TestSingleInstance::forwarder(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->setProgram(QStringLiteral(INSTANCE_FORWARDER));
    process->setArguments(QStringList{name()} + arguments);
    process->start();
    return process;
}

void TestSingleInstance::messageRoundTrip()
{
    const QStringList args{QStringLiteral("procore-desktop"), QStringLiteral("--project"),
                           QStringLiteral("42"), QString::fromUtf8("Ünïcode ✓")};
    const QByteArray wire = InstanceMessage::encode(args);
    for (int cut = 0; cut < wire.size(); ++cut)
        QCOMPARE(InstanceMessage::decode(wire.left(cut)).status, InstanceMessage::Status::NeedMore);
    const auto decoded = InstanceMessage::decode(wire);
    QCOMPARE(decoded.status, InstanceMessage::Status::Complete);
    QCOMPARE(decoded.arguments, args);
}

static QByteArray frame(const QByteArray &payload)
{
    char length[4];
    qToBigEndian<quint32>(quint32(payload.size()), length);
    return QByteArrayLiteral("PDI1") + QByteArray(length, 4) + payload;
}

void TestSingleInstance::decodeRejects_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("bad magic") << QByteArray("GET / HTTP/1.1\r\n");
    QTest::newRow("zero length") << frame({});
    QTest::newRow("huge length") << QByteArray("PDI1\x7f\xff\xff\xff", 8);
    QTest::newRow("trailing bytes") << frame(R"({"v":1,"args":[]})") + "x";
    QTest::newRow("not json") << frame("not json");
    QTest::newRow("array") << frame("[1,2]");
    QTest::newRow("wrong version") << frame(R"({"v":2,"args":[]})");
    QTest::newRow("extra key") << frame(R"({"v":1,"args":[],"x":1})");
    QTest::newRow("args not array") << frame(R"({"v":1,"args":"a"})");
    QTest::newRow("number arg") << frame(R"({"v":1,"args":[1]})");
    QTest::newRow("too many args") << InstanceMessage::encode(QStringList(40, QStringLiteral("a")));
    QTest::newRow("long arg") << InstanceMessage::encode({QString(5000, QLatin1Char('a'))});
}

void TestSingleInstance::decodeRejects()
{
    QFETCH(QByteArray, wire);
    QCOMPARE(InstanceMessage::decode(wire).status, InstanceMessage::Status::Invalid);
}

void TestSingleInstance::secondLaunchForwards()
{
    SingleInstance primary(name());
    QCOMPARE(primary.start({QStringLiteral("first")}), SingleInstance::Role::Primary);
    QSignalSpy received(&primary, &SingleInstance::argumentsReceived);

    QProcess *second = forwarder({QStringLiteral("--project"), QStringLiteral("42")});
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).toStringList(),
             QStringList({QStringLiteral("--project"), QStringLiteral("42")}));
    QTRY_COMPARE(second->state(), QProcess::NotRunning);
    QCOMPARE(second->exitCode(), int(SingleInstance::Role::Forwarded));
}

void TestSingleInstance::socketIsPrivate()
{
    SingleInstance primary(name());
    QCOMPARE(primary.start({}), SingleInstance::Role::Primary);
    const QFileInfo info(name());
    QVERIFY(info.exists());
    QVERIFY(!(info.permissions() &
              (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)));
}

void TestSingleInstance::staleSocketRecovered()
{
    QProcess *crashed = forwarder({QStringLiteral("--hold")});
    QVERIFY(crashed->waitForReadyRead(5000));
    QCOMPARE(crashed->readAll().trimmed(), QByteArray::number(int(SingleInstance::Role::Primary)));
    ::kill(pid_t(crashed->processId()), SIGKILL);
    QVERIFY(crashed->waitForFinished(5000));
    QVERIFY2(QFileInfo::exists(name()), "a killed instance leaves its socket file behind");

    SingleInstance next(name());
    QCOMPARE(next.start({}), SingleInstance::Role::Primary);
    QSignalSpy received(&next, &SingleInstance::argumentsReceived);
    forwarder({QStringLiteral("--project"), QStringLiteral("7")});
    QTRY_COMPARE(received.count(), 1);
}

void TestSingleInstance::garbageClientIsRefused()
{
    SingleInstance primary(name());
    QCOMPARE(primary.start({}), SingleInstance::Role::Primary);
    QSignalSpy received(&primary, &SingleInstance::argumentsReceived);

    QLocalSocket garbage;
    garbage.connectToServer(name());
    QVERIFY(garbage.waitForConnected(2000));
    garbage.write(QByteArray("PDI1\x00\x00\x10\x00", 8) + QByteArray(4096, '{'));
    QTRY_COMPARE(garbage.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(received.count(), 0);

    forwarder({QStringLiteral("ok")});
    QTRY_COMPARE(received.count(), 1);
}

void TestSingleInstance::silentClientIsDropped()
{
    SingleInstance primary(name());
    QCOMPARE(primary.start({}), SingleInstance::Role::Primary);
    QLocalSocket silent;
    silent.connectToServer(name());
    QVERIFY(silent.waitForConnected(2000));
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QLocalSocket::UnconnectedState, 6000);
}

// Windows cannot run here; the name it would use can. Named pipes are one namespace for every
// logged-on user, so the name must be the account's (its SID), not anything USERNAME says.
void TestSingleInstance::windowsPipeNameCarriesTheSid()
{
    const QString sid = QStringLiteral("S-1-5-21-3623811015-3361044348-30300820-1013");
    const QString other = QStringLiteral("S-1-5-21-3623811015-3361044348-30300820-1014");
    const QString name = SingleInstance::pipeName(sid, QStringLiteral("production"));
    QVERIFY2(name.startsWith(QStringLiteral("procore-desktop-") + sid + u'-'), qPrintable(name));
    QVERIFY(name.size() < 256);
    for (const QChar c : name)
        QVERIFY2(c.isLetterOrNumber() || c == u'-', qPrintable(name));
    QCOMPARE(SingleInstance::pipeName(sid, QStringLiteral("production")), name);
    QVERIFY(SingleInstance::pipeName(other, QStringLiteral("production")) != name);
    QVERIFY(SingleInstance::pipeName(sid, QStringLiteral("sandbox")) != name);
    const QByteArray username = qgetenv("USERNAME");
    qputenv("USERNAME", "someone-else");
    QCOMPARE(SingleInstance::pipeName(sid, QStringLiteral("production")), name);
    qputenv("USERNAME", username);
    // A SID that cannot be read never gives a name another account shares by accident of
    // odd characters, and never a path.
    QVERIFY(!SingleInstance::pipeName(QStringLiteral("..\\pipe\\x"), {}).contains(u'\\'));
    QVERIFY(SingleInstance::pipeName({}, {}).contains(QStringLiteral("unknown-user")));
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
