#include "accountcache.h"

#include "common/logging.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

namespace {
const QLatin1String Format("procore-desktop-account-cache");
constexpr int Version = 1;
constexpr qint64 MaxFileSize = 4 * 1024 * 1024;

QString zonesPath(const QString &entryPath)
{
    QString path = entryPath;
    path.chop(int(qstrlen(".json")));
    return path + QStringLiteral("-zones.json");
}
} // namespace

AccountCache::AccountCache(const QString &directory)
    : m_file(directory, Format, Version, MaxFileSize, "account")
{}

QString AccountCache::filePath(const QString &environment) const
{
    return QDir(m_file.directory())
        .filePath(QStringLiteral("account-%1.json").arg(CacheFile::environmentKey(environment)));
}

bool AccountCache::save(const QString &environment, const Entry &entry) const
{
    QJsonArray companies;
    for (const Company &company : entry.companies)
        companies.append(company.toJson());
    return m_file.write(
        filePath(environment), environment,
        {{QStringLiteral("user"), entry.user.toJson()}, {QStringLiteral("companies"), companies}});
}

std::optional<AccountCache::Entry> AccountCache::load(const QString &environment) const
{
    const QString path = filePath(environment);
    const std::optional<QJsonObject> root = m_file.read(path, environment);
    if (!root)
        return std::nullopt;
    QString error;
    const auto user = User::fromJson(root->value(QStringLiteral("user")).toObject(), &error);
    const auto companies =
        Company::listFromJson(root->value(QStringLiteral("companies")).toArray(), &error);
    if (!user || !companies) {
        m_file.ignore(path, error);
        return std::nullopt;
    }
    return Entry{*user, *companies};
}

QHash<qint64, QUrl> AccountCache::webBases(const QString &environment) const
{
    QHash<qint64, QUrl> bases;
    const QJsonObject zones = m_file.read(zonesPath(filePath(environment)), environment)
                                  .value_or(QJsonObject())
                                  .value(QStringLiteral("webBases"))
                                  .toObject();
    for (auto it = zones.begin(); it != zones.end(); ++it) {
        bool ok = false;
        const qint64 id = it.key().toLongLong(&ok);
        const QUrl url(it.value().toString(), QUrl::StrictMode);
        if (ok && id > 0 && url.isValid() && !url.isRelative())
            bases.insert(id, url);
    }
    return bases;
}

bool AccountCache::saveWebBase(const QString &environment, qint64 companyId,
                               const QUrl &webBase) const
{
    const QString path = zonesPath(filePath(environment));
    QJsonObject zones = m_file.read(path, environment)
                            .value_or(QJsonObject())
                            .value(QStringLiteral("webBases"))
                            .toObject();
    zones.insert(QString::number(companyId), webBase.toString(QUrl::FullyEncoded));
    return m_file.write(path, environment, {{QStringLiteral("webBases"), zones}});
}

bool AccountCache::clearAll() const
{
    return m_file.removeAll({QStringLiteral("account-*.json")});
}
