#pragma once

#include "browserflow.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "emulatorprocess.h"

#include <QList>
#include <QString>

class ProcoreAuth;
class Session;
class TokenStore;

// The app's own objects signed in to an emulator without a window, and what an earlier run of
// the app leaves behind, made the way the app makes it. A sign-in follows the authorize URL the
// app hands out like a browser would (BrowserFlow through the emulator's login and Allow pages)
// and gives the redirect back to the app's handler. (The sign-in as the emulator alone sees it,
// with no app code, is EmulatorSignIn.) Uses QCoreApplication's organization and application
// names as the app would.
namespace SignedInSeed {

struct Result
{
    qint64 companyId = 0;
    QList<qint64> projectIds; // of that company, in the order Procore listed them
    QString error;            // empty on success
    bool ok() const { return error.isEmpty(); }
};

// The emulator as a custom environment, and its default client.
Environment environment(const EmulatorProcess &emulator);
ClientConfig client(const QString &redirectUri = EmulatorProcess::redirectUri());

// A whole embedded sign-in on `auth` (signed out); true once it emitted signedIn().
bool signIn(ProcoreAuth &auth, QString *error);
// A whole sign-in on `session` (signed out), answered with `decision`; true once the redirect
// went back to its handler (the caller waits for the state it expects).
bool signIn(Session &session, QString *error = nullptr,
            BrowserFlow::Decision decision = BrowserFlow::Decision::Allow);

// What an earlier run leaves: a fresh Session on `store` signs in and loads the first
// company's `expectedProjects`; the tokens stay in `store`, the last user and company in
// QSettings, the project list in the offline cache.
Result seed(const EmulatorProcess &emulator, TokenStore *store, int expectedProjects,
            const QString &cacheDirectory = {});

} // namespace SignedInSeed
