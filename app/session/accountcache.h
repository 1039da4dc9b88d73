#pragma once

#include "model/company.h"
#include "model/user.h"
#include "storage/cachefile.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// Who was signed in and their companies, per environment, beside the project cache, so an
// offline start still shows the name and the company switcher. No tokens; deleted at sign-out.
// Its files follow CacheFile's convention, as ProjectCache's do.
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

    // The web host of each company's zone (company_base_url), asked once per company and kept
    // for the account's lifetime, in a file of its own beside the entry.
    QHash<qint64, QUrl> webBases(const QString &environment) const;
    bool saveWebBase(const QString &environment, qint64 companyId, const QUrl &webBase) const;

private:
    CacheFile m_file;
};
