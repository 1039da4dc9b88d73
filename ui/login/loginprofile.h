#pragma once

#include <QString>

// The login view's browser profile folder (cookies, local storage, HTTP cache). Needs no
// WebEngine, so the main process can wipe it at sign-out while no login window runs.
namespace LoginProfile {
// <AppLocalDataLocation>/login-profile
QString defaultDir();
// Creates the folder (owner-only permissions) and marks it as ours.
bool prepare(const QString &dir, QString *error = nullptr);
// True when the folder holds our marker file.
bool isProfileDir(const QString &dir);
// Deletes the folder and everything in it. A folder that does not exist is already clear.
// Refuses a folder without our marker, so a wrong setting can never delete someone's files.
bool clear(const QString &dir, QString *error = nullptr);
} // namespace LoginProfile
