#pragma once

#include <QString>
#include <QStringList>

// The login view's browser profile folder (cookies, local storage, HTTP cache). Needs no
// WebEngine, so the main process and the terminal mode can wipe it at sign-out while no login
// window runs. Each environment has its own, so signing out of the sandbox leaves production
// alone and a sandbox session never signs anyone in to production.
namespace LoginProfile {
// <AppLocalDataLocation>/login-profiles/<hash of the environment key>
QString defaultDir(const QString &environmentKey);
// <AppLocalDataLocation>/login-profile: the one folder every environment shared before.
QString legacyDir();
// Creates the folder (owner-only permissions) and marks it as ours.
bool prepare(const QString &dir, QString *error = nullptr);
// True when the folder holds our marker file.
bool isProfileDir(const QString &dir);
// Deletes the folder and everything in it. A folder that does not exist is already clear.
// Refuses a folder without our marker, so a wrong setting can never delete someone's files.
// The folder is first renamed to a tombstone beside it (<dir>.wipe-<random>), so a delete cut
// short (a file Windows keeps locked, a crash) leaves no half profile that a sign-in would
// use again, and no marker-less folder that a later clear() would refuse: finishWipes() takes
// the tombstone away on the next start.
bool clear(const QString &dir, QString *error = nullptr);
// Deletes the tombstones of `dir` left by an interrupted clear(); returns those still there.
QStringList finishWipes(const QString &dir);
} // namespace LoginProfile
