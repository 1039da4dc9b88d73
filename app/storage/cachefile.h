#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// The convention every offline cache file follows (ProjectCache, AccountCache): a JSON object
// stamped with the cache's format name, its version and the environment it belongs to; written
// owner-only and atomically; read back only when it is not too large, is JSON and carries the
// same stamp. Anything else is ignored with a log line, never trusted.
class CacheFile final
{
public:
    // `format` names the cache ("procore-desktop-project-cache"); `what` names it in logs.
    CacheFile(const QString &directory, const QString &format, int version, qint64 maxSize,
              const char *what);

    QString directory() const { return m_directory; }
    // `environment` (a name or an API base URL) as a short, safe part of a file name.
    static QString environmentKey(const QString &environment);

    // Stamps `root` and writes it to `path` in the cache's directory. False (with *error and
    // a log line) when that fails.
    bool write(const QString &path, const QString &environment, QJsonObject root,
               QString *error = nullptr) const;
    // The stamped object in `path`; nullopt when the file is missing or ignored.
    std::optional<QJsonObject> read(const QString &path, const QString &environment) const;
    // Logs why a file that read() returned is still not used (a damaged field).
    void ignore(const QString &path, const QString &why) const;
    // Deletes the files matching `patterns` (with QSaveFile's leftovers, "*.json.*").
    bool removeAll(const QStringList &patterns) const;

private:
    QString m_directory;
    QString m_format;
    int m_version;
    qint64 m_maxSize;
    const char *m_what;
};
