#pragma once

#include "testhttp.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class EmulatorProcess;

// Tokens from the emulator's token endpoint, or why there are none.
struct EmulatorTokens
{
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0;
    QJsonObject answer; // the whole JSON answer
    QString error;      // empty on success
    bool ok() const { return error.isEmpty(); }
};

// The sign-in a real app performs, for tests that just need valid tokens: BrowserFlow through
// login and Allow with the demo user, then the code exchange with the default client.
//
//   const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
//   QVERIFY2(tokens.ok(), qPrintable(tokens.error));
class EmulatorSignIn final
{
public:
    using Query = QList<QPair<QString, QString>>;

    // extraAuthorizeQuery goes on the authorize URL (state, code_challenge…); codeVerifier is
    // sent with the exchange when not empty.
    static EmulatorTokens signIn(const EmulatorProcess &emulator,
                                 const Query &extraAuthorizeQuery = {},
                                 const QString &codeVerifier = {});
    // Only the browser part: the code from the redirect, or "" (then *error says why).
    static QString authorizationCode(const EmulatorProcess &emulator,
                                     const Query &extraAuthorizeQuery, QString *error);
    static TestHttpReply exchangeCode(const EmulatorProcess &emulator, const QString &code,
                                      const QString &redirectUri, const QString &codeVerifier = {});
    static TestHttpReply refresh(const EmulatorProcess &emulator, const QString &refreshToken);
    static EmulatorTokens tokensFrom(const TestHttpReply &reply);
};
