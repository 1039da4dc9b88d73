#pragma once

#include "auth/memorytokenstore.h"
#include "emulatorprocess.h"
#include "readcountingnetwork.h"
#include "session/session.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

// The app's core in-process as the window uses it — Session over ProcoreAuth and ApiClient —
// signed in to its own emulator through the real login pages, with short retry delays and
// timeouts so faults play out in seconds. Tokens stay in memory (MemoryTokenStore).
class FaultSession final
{
public:
    FaultSession();
    ~FaultSession();

    // Starts the emulator with `emulatorArgs`, then the session, then signs in and waits for
    // the first full load. False with *why when any step fails.
    bool start(const QStringList &emulatorArgs, QString *why);
    // Signs in again (after a lost grant), waits for the load to end.
    bool signIn(QString *why);
    // Session::refresh() and waits until nothing loads any more (at most timeoutMs).
    bool reload(int timeoutMs = 30000);
    bool waitIdle(int timeoutMs);

    // How many answers `fault` (as posted, with a finite count) has hit so far.
    int injected(const QJsonObject &fault) const;
    // The proof that nothing was lost: a refresh with the app's current refresh token succeeds.
    bool grantStillWorks();

    // Every ID of the model, and whether one appears twice.
    QList<qint64> projectIds() const;
    static bool hasDuplicates(const QList<qint64> &ids);

    Session *session() const { return m_session.get(); }
    // The session's parts, for the knobs and tokens a fault test reaches past the façade.
    ProcoreAuth *auth() const { return m_parts.auth; }
    ApiClient *api() const { return m_parts.api; }
    EmulatorProcess &emulator() { return m_emulator; }
    ReadCountingNetwork &network() { return m_network; }

private:
    EmulatorProcess m_emulator;
    ReadCountingNetwork m_network;
    MemoryTokenStore m_store;
    QTemporaryDir m_cacheDir;
    Session::Parts m_parts;
    std::unique_ptr<Session> m_session;
};
