#pragma once

#include <QString>

class EmulatorProcess;

// Leaves what an earlier run of the app leaves behind for the emulator's environment: tokens
// in the keychain, the user and companies in the settings, the offline copy of the first
// company's projects. Uses the real keychain and settings, so the caller sets the app's
// organization and application names first and runs under scripts/test-session.sh.
class SignedInSeed final
{
public:
    static bool run(const EmulatorProcess &emulator, int expectedProjects, QString *error);
};
