// OAuthRequest, the one hardened token request, against the emulator over real HTTP: what it
// reports for each way a request can end. "Never sent" and "answer lost" decide whether a
// single-use refresh token is spent, so each row pins one of them.
#include "auth/oauthrequest.h"
#include "support/emulatorprocess.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using Kind = ProcoreError::Kind;
using Outcome = OAuthRequest::Outcome;

class TestOAuthRequest final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void outcomes_data();
    void outcomes();

private:
    EmulatorProcess m_emulator;
    QNetworkAccessManager m_network;
};

void TestOAuthRequest::initTestCase()
{
    QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
}

void TestOAuthRequest::outcomes_data()
{
    QTest::addColumn<QString>("fault"); // emulator fault on /oauth/token; "refused": no server
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<Kind>("error");
    QTest::addColumn<int>("status");
    QTest::newRow("answered 401") << QString() << Outcome::Answered << Kind::None << 401;
    QTest::newRow("connection refused: never sent")
        << QStringLiteral("refused") << Outcome::NeverSent << Kind::Offline << 0;
    QTest::newRow("stalled after the headers: answer lost, timed out")
        << QStringLiteral("stall") << Outcome::Lost << Kind::Timeout << 0;
    QTest::newRow("huge: cut off, no body")
        << QStringLiteral("huge") << Outcome::Answered << Kind::None << 200;
    QTest::newRow("307: not followed")
        << QStringLiteral("redirect") << Outcome::Answered << Kind::None << 307;
    QTest::newRow("5xx: an answer")
        << QStringLiteral("5xx") << Outcome::Answered << Kind::None << 500;
}

void TestOAuthRequest::outcomes()
{
    QFETCH(QString, fault);
    QFETCH(Outcome, outcome);
    QFETCH(Kind, error);
    QFETCH(int, status);
    QVERIFY(m_emulator.clearFaults());
    QTcpServer elsewhere;
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost, 0));
    int stolen = 0;
    connect(&elsewhere, &QTcpServer::newConnection, this, [&] {
        ++stolen;
        delete elsewhere.nextPendingConnection();
    });
    QUrl url = m_emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token")));
    if (fault == QLatin1String("refused")) {
        const quint16 closed = elsewhere.serverPort();
        elsewhere.close();
        url.setPort(closed);
    } else if (!fault.isEmpty()) {
        QJsonObject json{{QStringLiteral("kind"), fault},
                         {QStringLiteral("path"), QStringLiteral("/oauth/token")}};
        if (fault == QLatin1String("redirect"))
            json.insert(
                QStringLiteral("location"),
                QStringLiteral("http://127.0.0.1:%1/oauth/token").arg(elsewhere.serverPort()));
        if (fault == QLatin1String("huge"))
            json.insert(QStringLiteral("bytes"), 2 * int(OAuthRequest::MaxBodyBytes));
        QVERIFY(m_emulator.setFault(json));
    }
    const OAuthRequest::Form form{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                  {QStringLiteral("refresh_token"), QStringLiteral("r")},
                                  {QStringLiteral("client_id"), QStringLiteral("nobody")}};
    OAuthRequest *request = OAuthRequest::postForm(&m_network, url, form, 1000, this);
    QSignalSpy finished(request, &OAuthRequest::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(request->outcome(), outcome);
    QCOMPARE(request->error().kind, error);
    QCOMPARE(request->httpStatus(), status);
    if (fault == QLatin1String("huge"))
        QVERIFY(request->body().isEmpty());
    QTest::qWait(50);
    QCOMPARE(stolen, 0);
    delete request;
}

QTEST_GUILESS_MAIN(TestOAuthRequest)
#include "tst_oauthrequest.moc"
