#pragma once

#include "auth/memorytokenstore.h"
#include "auth/procoreauth.h"
#include "support/browserflow.h"
#include "support/emulatorprocess.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>

#include <memory>

// One emulator, one network manager and one in-memory store for a test function, plus the
// steps a sign-in takes without a UI.
class AuthHarness final
{
public:
    AuthHarness();
    ~AuthHarness();

    bool start(const QStringList &emulatorArgs = {});
    Environment environment() const;
    ClientConfig client() const; // the emulator's default client
    std::unique_ptr<ProcoreAuth> makeAuth(const ClientConfig &client);
    std::unique_ptr<ProcoreAuth> makeAuth() { return makeAuth(client()); }

    // signIn(mode) and the URL it hands out (empty when none came).
    QUrl beginSignIn(ProcoreAuth &auth,
                     ProcoreAuth::SignInMode mode = ProcoreAuth::SignInMode::Embedded);
    BrowserFlowResult browse(const QUrl &authorizeUrl,
                             BrowserFlow::Decision decision = BrowserFlow::Decision::Allow);
    // The whole embedded sign-in; false with a reason when signedIn() did not come.
    bool signIn(ProcoreAuth &auth, QString *why);

    // Emulator counters.
    int counter(const char *name);
    int requests(const QString &serverAndPath); // e.g. "login:/oauth/token"
    // GET /oauth/token/info with the given token: the HTTP status.
    int tokenInfoStatus(const QString &accessToken);
    int meStatus(const QString &accessToken);

    EmulatorProcess emulator;
    QNetworkAccessManager network;
    MemoryTokenStore store;
};
