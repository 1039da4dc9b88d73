#include "emulatorsignin.h"

#include "browserflow.h"
#include "emulatorprocess.h"

#include <QUrlQuery>

QString EmulatorSignIn::authorizationCode(const EmulatorProcess &emulator,
                                          const Query &extraAuthorizeQuery, QString *error)
{
    const BrowserFlowResult flow =
        BrowserFlow::run(emulator.authorizeUrl(extraAuthorizeQuery), EmulatorProcess::demoEmail(),
                         EmulatorProcess::demoPassword());
    if (!flow.error.isEmpty() || flow.redirect.isEmpty()) {
        *error =
            QStringLiteral("browser flow failed: %1 (HTTP %2)").arg(flow.error).arg(flow.status);
        return {};
    }
    const QString code =
        QUrlQuery(flow.redirect).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty())
        *error = QStringLiteral("no code in %1").arg(flow.redirect.toString());
    return code;
}

TestHttpReply EmulatorSignIn::exchangeCode(const EmulatorProcess &emulator, const QString &code,
                                           const QString &redirectUri, const QString &codeVerifier)
{
    TestHttp::Form form{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                        {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                        {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()},
                        {QStringLiteral("code"), code},
                        {QStringLiteral("redirect_uri"), redirectUri}};
    if (!codeVerifier.isEmpty())
        form.append({QStringLiteral("code_verifier"), codeVerifier});
    TestHttp http;
    return http.postForm(emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token"))), form);
}

TestHttpReply EmulatorSignIn::refresh(const EmulatorProcess &emulator, const QString &refreshToken)
{
    TestHttp http;
    return http.postForm(emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token"))),
                         {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                          {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                          {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()},
                          {QStringLiteral("refresh_token"), refreshToken}});
}

EmulatorTokens EmulatorSignIn::tokensFrom(const TestHttpReply &reply)
{
    EmulatorTokens tokens;
    tokens.answer = reply.json().object();
    tokens.accessToken = tokens.answer.value(QStringLiteral("access_token")).toString();
    tokens.refreshToken = tokens.answer.value(QStringLiteral("refresh_token")).toString();
    tokens.expiresIn = tokens.answer.value(QStringLiteral("expires_in")).toInteger();
    if (reply.status != 200 || tokens.accessToken.isEmpty())
        tokens.error = QStringLiteral("token endpoint answered HTTP %1: %2")
                           .arg(reply.status)
                           .arg(QString::fromUtf8(reply.body));
    return tokens;
}

EmulatorTokens EmulatorSignIn::signIn(const EmulatorProcess &emulator,
                                      const Query &extraAuthorizeQuery, const QString &codeVerifier)
{
    QString error;
    const QString code = authorizationCode(emulator, extraAuthorizeQuery, &error);
    if (code.isEmpty()) {
        EmulatorTokens tokens;
        tokens.error = error;
        return tokens;
    }
    return tokensFrom(exchangeCode(emulator, code, EmulatorProcess::redirectUri(), codeVerifier));
}
