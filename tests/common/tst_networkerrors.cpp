// The one mapping of "no HTTP answer" to what a person can do, for the REST API and the
// sign-in service alike (ApiErrors and OAuthRequest both use it).
#include "common/networkerrors.h"

#include <QTest>

using Service = NetworkErrors::Service;
using Kind = ProcoreError::Kind;
Q_DECLARE_METATYPE(ProcoreError::Kind)

class TestNetworkErrors final : public QObject
{
    Q_OBJECT
private slots:
    void map_data();
    void map();
};

void TestNetworkErrors::map_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("api");    // a piece of the message for the REST API
    QTest::addColumn<QString>("signIn"); // ... and for the sign-in service
    using E = QNetworkReply::NetworkError;
    const auto row = [](const char *tag, E error, Kind kind, const char *api, const char *signIn) {
        QTest::newRow(tag) << error << kind << QString::fromUtf8(api) << QString::fromUtf8(signIn);
    };
    row("refused", E::ConnectionRefusedError, Kind::Offline, "Procore cannot be reached",
        "sign-in service cannot be reached");
    row("no host", E::HostNotFoundError, Kind::Offline, "Procore cannot be reached",
        "sign-in service cannot be reached");
    row("dropped", E::RemoteHostClosedError, Kind::Offline, "Procore cannot be reached",
        "sign-in service cannot be reached");
    row("timeout", E::TimeoutError, Kind::Timeout, "did not answer in time",
        "sign-in service did not answer in time");
    row("proxy timeout", E::ProxyTimeoutError, Kind::Timeout, "did not answer in time",
        "sign-in service did not answer in time");
    // TLS and proxies are the same trouble whichever service is behind them.
    row("tls", E::SslHandshakeFailedError, Kind::Offline, "date and time", "date and time");
    row("proxy refused", E::ProxyConnectionRefusedError, Kind::Offline, "proxy settings",
        "proxy settings");
    row("proxy not found", E::ProxyNotFoundError, Kind::Offline, "proxy settings",
        "proxy settings");
    row("proxy credentials", E::ProxyAuthenticationRequiredError, Kind::ProxyAuth,
        "https_proxy=", "https_proxy=");
}

void TestNetworkErrors::map()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(Kind, kind);
    QFETCH(QString, api);
    QFETCH(QString, signIn);
    const ProcoreError forApi = NetworkErrors::map(error, QStringLiteral("d"), Service::Api);
    const ProcoreError forSignIn = NetworkErrors::map(error, QStringLiteral("d"), Service::SignIn);
    QCOMPARE(forApi.kind, kind);
    QCOMPARE(forSignIn.kind, kind);
    QVERIFY2(forApi.message.contains(api), qPrintable(forApi.message));
    QVERIFY2(forSignIn.message.contains(signIn), qPrintable(forSignIn.message));
    QCOMPARE(forApi.detail, QStringLiteral("d"));
}

QTEST_GUILESS_MAIN(TestNetworkErrors)
#include "tst_networkerrors.moc"
