#pragma once

#include <QString>

class QFileDevice;

// The offline copies, the settings and the sign-in profile name the user (projects, e-mail,
// Procore's cookies): owner-only, 0600 files in 0700 folders, whatever the umask says. On
// Windows the per-user profile folders' ACLs already keep other users out; there these calls
// only make sure the files stay writable.
namespace PrivateFiles {
// Creates the folder (and missing parents) and makes it owner-only.
bool makeDir(const QString &dir);
// Owner read/write only. For QSaveFile call it after open(): it applies to the file that
// commit() renames into place.
bool restrict(QFileDevice &file);
bool restrictPath(const QString &path);
// The QSettings file of this application: created owner-only if missing, made owner-only if
// not, in an owner-only folder. Later writes keep the mode (QSaveFile copies it).
bool restrictSettings();
} // namespace PrivateFiles
