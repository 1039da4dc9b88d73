#pragma once

#include "model/company.h"
#include "model/user.h"

#include <QList>
#include <QString>

#include <optional>

// Who was signed in and their companies, per environment, beside the project cache, so an
// offline start still shows the name and the company switcher. No tokens; deleted at sign-out.
class AccountCache final
{
public:
    struct Entry
    {
        User user;
        QList<Company> companies;
    };

    explicit AccountCache(const QString &directory);

    bool save(const QString &environment, const Entry &entry) const;
    // nullopt when missing, unreadable, or not ours.
    std::optional<Entry> load(const QString &environment) const;
    bool clearAll() const;
    QString filePath(const QString &environment) const;

private:
    QString m_directory;
};
