#pragma once

#include "auth/memorytokenstore.h"
#include "auth/procoreauth.h"
#include "support/browserflow.h"
#include "support/emulatorprocess.h"
#include "support/signedinseed.h"

#include <QNetworkAccessManager>

#include <memory>

// The auth suites' fixture: one emulator, one network manager and one in-memory store for a
// test function, and ProcoreAuth objects over them with short timeouts. A whole sign-in is
// SignedInSeed::signIn(auth, &why); these are its steps, for tests that look between them.
class AuthHarness final
{
public:
    AuthHarness();
    ~AuthHarness();

    bool start(const QStringList &emulatorArgs = {});
    Environment environment() const { return SignedInSeed::environment(emulator); }
    ClientConfig client() const { return SignedInSeed::client(); }
    std::unique_ptr<ProcoreAuth> makeAuth(const ClientConfig &client);
    std::unique_ptr<ProcoreAuth> makeAuth() { return makeAuth(client()); }

    // signIn(mode) and the URL it hands out (empty when none came).
    QUrl beginSignIn(ProcoreAuth &auth,
                     ProcoreAuth::SignInMode mode = ProcoreAuth::SignInMode::Embedded);

    // GET /oauth/token/info with the given token: the HTTP status.
    int tokenInfoStatus(const QString &accessToken);
    int meStatus(const QString &accessToken);

    EmulatorProcess emulator;
    QNetworkAccessManager network;
    MemoryTokenStore store;
};
