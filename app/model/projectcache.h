#pragma once

#include "project.h"
#include "storage/cachefile.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// The last project list of each environment and company, kept in the app's data folder so an
// offline start can show it with "last synced …". Holds project data only, never a token.
// Files that are corrupt, from another format version or for another environment/company
// are ignored (with a log line), never trusted.
class ProjectCache final
{
public:
    // The company's list as it came from the listing, or the projects fetched in full for the
    // details pane (a separate file beside the list, with the same rules).
    enum class Kind { List, Details };

    struct Entry
    {
        QList<Project> projects;
        QDateTime syncedAt; // UTC
        QString companyName;
    };

    // `directory` defaults to <AppDataLocation>/project-cache.
    explicit ProjectCache(const QString &directory = {});

    // `environment` is whatever identifies the environment (its name or API base URL).
    bool save(const QString &environment, qint64 companyId, const QString &companyName,
              const QList<Project> &projects, const QDateTime &syncedAt, QString *error = nullptr,
              Kind kind = Kind::List) const;
    std::optional<Entry> load(const QString &environment, qint64 companyId,
                              Kind kind = Kind::List) const;
    bool remove(const QString &environment, qint64 companyId) const;
    // Sign-out: every cached list of every environment goes.
    bool clearAll() const;

    QString directory() const { return m_file.directory(); }
    QString filePath(const QString &environment, qint64 companyId, Kind kind = Kind::List) const;
    static QString defaultDirectory();

private:
    CacheFile m_file;
};
