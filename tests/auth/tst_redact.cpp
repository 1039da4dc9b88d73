// No token, code, state or secret reaches any log line: every category (ours and Qt's) is
// captured at debug level during a full sign-in, a refresh and a sign-out against the emulator.
#include "authharness.h"

#include "auth/redirectreplyhandler.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

namespace {
QStringList g_lines;
void capture(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_lines << QString::fromLatin1(context.category ? context.category : "") +
                   QStringLiteral(": ") + message;
}
} // namespace

class TestRedact final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void noCredentialInAnyLogLine();
};

void TestRedact::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ProcoreDesktopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_redact"));
    QSettings().clear();
}

void TestRedact::noCredentialInAnyLogLine()
{
    AuthHarness h;
    QVERIFY(h.start());
    Logging::installCredentialFilter(); // as main() does
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    bool capturing = true;
    const auto stopCapture = [&] {
        if (std::exchange(capturing, false)) {
            qInstallMessageHandler(previous);
            QLoggingCategory::setFilterRules({});
        }
    };
    auto guard = qScopeGuard(stopCapture);

    auto auth = h.makeAuth();
    QSignalSpy signedIn(auth.get(), &ProcoreAuth::signedIn);
    const QUrl authorize = h.beginSignIn(*auth);
    const QString state = QUrlQuery(authorize).queryItemValue(QStringLiteral("state"));
    const BrowserFlowResult result = BrowserFlow::runAsDemoUser(authorize);
    QVERIFY(!result.redirect.isEmpty());
    const QString code = QUrlQuery(result.redirect).queryItemValue(QStringLiteral("code"));
    QVERIFY(auth->redirectHandler()->handleRedirect(result.redirect));
    QVERIFY(signedIn.wait(10000));
    const TokenSet first = h.store.entries().cbegin().value();
    QSignalSpy refreshed(auth.get(), &TokenSource::tokensRefreshed);
    auth->refresh();
    QVERIFY(refreshed.wait(10000));
    const TokenSet second = h.store.entries().cbegin().value();
    QSignalSpy signedOut(auth.get(), &ProcoreAuth::signedOut);
    auth->signOut();
    QVERIFY(signedOut.wait(10000));
    stopCapture();

    const QStringList secrets{state,
                              code,
                              first.accessToken,
                              first.refreshToken,
                              second.accessToken,
                              second.refreshToken,
                              EmulatorProcess::clientSecret()};
    for (const QString &secret : secrets)
        QVERIFY(secret.size() >= 8);
    // Our own debug lines of all three token requests were captured (how many lines Qt's own
    // categories add differs: 6.4's NetworkAuth says more than 6.8's).
    const auto posts = [](const char *path) {
        return std::count_if(g_lines.cbegin(), g_lines.cend(), [path](const QString &line) {
            return line.startsWith(QLatin1String("procore.auth: POST")) &&
                   line.endsWith(QLatin1String(path));
        });
    };
    QCOMPARE(posts("/oauth/token"), 2); // the code exchange and the refresh
    QCOMPARE(posts("/oauth/revoke"), 1);
    for (const QString &line : std::as_const(g_lines)) {
        for (const QString &secret : secrets)
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
