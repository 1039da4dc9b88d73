#pragma once

#include <QString>

// Suites that run the real executable against the real keychain: a HOME of their own (the
// keyring stays the session's, over D-Bus), so what the app leaves behind is theirs alone to
// find, and the app's own organisation and application names, so QSettings in the test reads
// what the executable wrote. Call from initTestCase, before anything reads the settings.
namespace TestHome {
void use(const QString &home);
} // namespace TestHome
