#pragma once

#include "config/clientconfig.h"
#include "config/environment.h"
#include "emulatorprocess.h"

#include <QList>
#include <QString>

class Session;
class TokenStore;

// What an earlier run of the app leaves behind, made the way the app makes it: a Session
// signs in (BrowserFlow through the emulator's login and Allow pages), stores the tokens in
// `store`, the last user and company in QSettings, and the project list in the offline cache.
// Uses QCoreApplication's organization and application names as the app would.
namespace SignedInSeed {

struct Result
{
    qint64 companyId = 0;
    QList<qint64> projectIds; // of that company, in the order Procore listed them
    QString error;            // empty on success
    bool ok() const { return error.isEmpty(); }
};

Environment environment(const EmulatorProcess &emulator);
ClientConfig client(const QString &redirectUri = EmulatorProcess::redirectUri());

// Runs a whole sign-in on `session` (which must be signed out): the URL it hands out is
// followed like a browser would, the redirect goes back to its handler.
bool signIn(Session &session, QString *error = nullptr);

// A fresh Session on `store` signs in and loads the first company's `expectedProjects`.
Result seed(const EmulatorProcess &emulator, TokenStore *store, int expectedProjects,
            const QString &cacheDirectory = {});

} // namespace SignedInSeed
