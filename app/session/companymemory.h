#pragma once

#include "model/company.h"

#include <QList>
#include <QSet>
#include <QString>

// Which company to open first, per environment, kept in the settings (IDs only, nothing
// secret) and shared by the window and the terminal mode: the user's last choice, and the
// companies found not to have installed the app, which are never opened first.
class CompanyMemory final
{
public:
    explicit CompanyMemory(const QString &environmentKey);

    // The last company chosen, or 0 when none or when it has no app.
    qint64 lastChosen() const;
    void setLastChosen(qint64 companyId) const;

    QSet<qint64> withoutApp() const;
    void setHasApp(qint64 companyId, bool installed) const;

    // The one rule for the company to open, in the window and the terminal mode alike: the
    // first of `preferred` (a link's company, the one shown, --company) that is in the list;
    // else the last choice, else the user's own active company, else any active one, else the
    // first; a company without the app only when every one lacks it. 0 for an empty list.
    qint64 choose(const QList<Company> &companies, const QList<qint64> &preferred = {}) const;

private:
    QString m_prefix;
};
