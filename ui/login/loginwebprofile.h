#pragma once

#include <QString>

class QObject;
class QWebEngineProfile;

// The sign-in window's browser profile: on disk in the folder the main process names (so the
// Procore web session lasts between sign-ins and is wiped at sign-out), or off the record when
// that folder cannot be used. Downloads from the sign-in pages are always refused.
class LoginWebProfile final
{
public:
    LoginWebProfile() = delete;

    // *persistent says which one it became. The caller owns the profile and deletes it after
    // every page that uses it.
    static QWebEngineProfile *create(const QString &profileDir, bool *persistent,
                                     QObject *parent = nullptr);
    // Forgets the signed-in Procore session of a live profile (cookies, cache, visited links).
    static void clearSession(QWebEngineProfile *profile);
};
