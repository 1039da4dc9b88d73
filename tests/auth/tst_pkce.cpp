#include "auth/oauthstate.h"
#include "auth/pkce.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestPkce final : public QObject
{
    Q_OBJECT

private slots:
    void rfc7636AppendixB();
    void verifierShape();
    void stateShapeAndUniqueness();
    void stateBitsLookRandom();
};

void TestPkce::rfc7636AppendixB()
{
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    QCOMPARE(Pkce::challengeS256(verifier),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestPkce::verifierShape()
{
    static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i) {
        const QByteArray verifier = Pkce::generateVerifier();
        QVERIFY2(unreserved.match(QString::fromLatin1(verifier)).hasMatch(), verifier.constData());
        const QByteArray challenge = Pkce::challengeS256(verifier);
        QCOMPARE(challenge.size(), 43);
        QVERIFY(!challenge.contains('='));
        seen.insert(verifier);
    }
    QCOMPARE(seen.size(), 200);
}

void TestPkce::stateShapeAndUniqueness()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString state = OAuthState::generate();
        QCOMPARE(state.size(), 43);
        const QByteArray raw =
            QByteArray::fromBase64(state.toLatin1(), QByteArray::Base64UrlEncoding);
        QCOMPARE(raw.size(), 32);
        seen.insert(state);
    }
    QCOMPARE(seen.size(), 1000);
}

void TestPkce::stateBitsLookRandom()
{
    // 1000 states x 256 bits: a fair source gives 50 % ones with a standard deviation of about
    // 0.1 %; a constant, counter or truncated source lands far outside 49-51 %.
    qint64 ones = 0;
    qint64 bits = 0;
    QList<int> perPosition(256, 0);
    for (int i = 0; i < 1000; ++i) {
        const QByteArray raw = QByteArray::fromBase64(OAuthState::generate().toLatin1(),
                                                      QByteArray::Base64UrlEncoding);
        for (int b = 0; b < raw.size(); ++b) {
            for (int k = 0; k < 8; ++k) {
                const bool set = (uchar(raw.at(b)) >> k) & 1;
                ones += set;
                perPosition[b * 8 + k] += set;
                ++bits;
            }
        }
    }
    const double ratio = double(ones) / double(bits);
    QVERIFY2(ratio > 0.49 && ratio < 0.51, qPrintable(QString::number(ratio)));
    // No bit position stuck: each is set in 35-65 % of 1000 states (> 9 sigma margin).
    for (int count : perPosition)
        QVERIFY2(count > 350 && count < 650, qPrintable(QString::number(count)));
}

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
