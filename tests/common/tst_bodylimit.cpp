// BodyLimit over real HTTP from the emulator's `huge` fault: an answer at or under the limit
// arrives whole; one over it is refused once, and aborted on its headers when it announces its
// length, or once more than the limit has arrived when it comes in chunks without one.
#include "common/bodylimit.h"
#include "support/emulatorprocess.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

class TestBodyLimit final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void answers_data();
    void answers();

private:
    EmulatorProcess m_emulator;
    QNetworkAccessManager m_network;
};

void TestBodyLimit::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
}

void TestBodyLimit::answers_data()
{
    constexpr qint64 limit = 1024 * 1024;
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("refused");
    QTest::newRow("announced, under") << limit << 100000 << false << false;
    QTest::newRow("announced, exactly the limit") << limit << int(limit) << false << false;
    QTest::newRow("announced, one byte over") << limit << int(limit + 1) << false << true;
    QTest::newRow("announced, 10 MiB") << limit << 10 * 1024 * 1024 << false << true;
    QTest::newRow("chunked, under") << limit << 100000 << true << false;
    QTest::newRow("chunked, exactly the limit") << limit << int(limit) << true << false;
    QTest::newRow("chunked, one byte over") << limit << int(limit + 1) << true << true;
    QTest::newRow("chunked, 10 MiB") << limit << 10 * 1024 * 1024 << true << true;
}

void TestBodyLimit::answers()
{
    QFETCH(qint64, limit);
    QFETCH(int, bytes);
    QFETCH(bool, chunked);
    QFETCH(bool, refused);
    const QString path = QStringLiteral("/rest/v1.0/me");
    QVERIFY(m_emulator.setFault({{QStringLiteral("kind"), QStringLiteral("huge")},
                                 {QStringLiteral("count"), 1},
                                 {QStringLiteral("path"), path},
                                 {QStringLiteral("bytes"), bytes},
                                 {QStringLiteral("chunked"), chunked}}));
    QNetworkReply *reply = m_network.get(QNetworkRequest(m_emulator.apiUrl().resolved(QUrl(path))));
    int exceeded = 0;
    BodyLimit::watch(reply, limit, this, [&] { ++exceeded; });
    // Connected after the watch, as the app's own slots are: what the app could still see.
    int readyReads = 0;
    connect(reply, &QNetworkReply::readyRead, this, [&] { ++readyReads; });
    QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 30000));

    QCOMPARE(exceeded, refused ? 1 : 0);
    if (!refused) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll().size(), bytes);
    } else {
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        // Announced over the limit: refused on the headers, before any body was handed on.
        if (!chunked)
            QCOMPARE(readyReads, 0);
    }
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestBodyLimit)
#include "tst_bodylimit.moc"
