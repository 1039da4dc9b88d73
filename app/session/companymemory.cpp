#include "companymemory.h"

#include <QSettings>

#include <algorithm>

CompanyMemory::CompanyMemory(const QString &environmentKey)
    : m_prefix(QStringLiteral("session/%1/").arg(environmentKey))
{}

qint64 CompanyMemory::lastChosen() const
{
    const qint64 id = QSettings().value(m_prefix + QStringLiteral("company")).toLongLong();
    return withoutApp().contains(id) ? 0 : id;
}

void CompanyMemory::setLastChosen(qint64 companyId) const
{
    QSettings().setValue(m_prefix + QStringLiteral("company"), companyId);
}

QSet<qint64> CompanyMemory::withoutApp() const
{
    QSet<qint64> ids;
    const QStringList stored =
        QSettings().value(m_prefix + QStringLiteral("withoutApp")).toStringList();
    for (const QString &text : stored) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (ok && id > 0)
            ids.insert(id);
    }
    return ids;
}

void CompanyMemory::setHasApp(qint64 companyId, bool installed) const
{
    QSet<qint64> ids = withoutApp();
    const bool changed = installed ? ids.remove(companyId) : !ids.contains(companyId);
    if (!changed || companyId <= 0)
        return;
    if (!installed)
        ids.insert(companyId);
    QList<qint64> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    QStringList stored;
    for (const qint64 id : sorted)
        stored << QString::number(id);
    QSettings settings;
    if (stored.isEmpty())
        settings.remove(m_prefix + QStringLiteral("withoutApp"));
    else
        settings.setValue(m_prefix + QStringLiteral("withoutApp"), stored);
}

qint64 CompanyMemory::choose(const QList<Company> &companies, const QList<qint64> &preferred) const
{
    for (const qint64 id : preferred) {
        if (id != 0 && Company::find(companies, id))
            return id;
    }
    if (companies.isEmpty())
        return 0;
    const QSet<qint64> lacking = withoutApp();
    const qint64 last = lastChosen();
    const auto pick = [&](auto &&wanted) -> qint64 {
        const auto it = std::find_if(companies.cbegin(), companies.cend(), [&](const Company &c) {
            return !lacking.contains(c.id) && wanted(c);
        });
        return it == companies.cend() ? 0 : it->id;
    };
    if (const qint64 id = pick([&](const Company &c) { return c.id == last; }))
        return id;
    if (const qint64 id = pick([](const Company &c) { return c.isActive && c.myCompany; }))
        return id;
    if (const qint64 id = pick([](const Company &c) { return c.isActive; }))
        return id;
    if (const qint64 id = pick([](const Company &) { return true; }))
        return id;
    return companies.front().id;
}
