#include "accountcache.h"

#include "common/logging.h"
#include "storage/privatefiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
constexpr int formatVersion = 1;
constexpr qint64 maxFileSize = 4 * 1024 * 1024;

QString zonesPath(const QString &entryPath)
{
    QString path = entryPath;
    path.chop(int(qstrlen(".json")));
    return path + QStringLiteral("-zones.json");
}
} // namespace

AccountCache::AccountCache(const QString &directory)
    : m_directory(directory)
{}

QString AccountCache::filePath(const QString &environment) const
{
    const QByteArray key =
        QCryptographicHash::hash(environment.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QDir(m_directory).filePath(QStringLiteral("account-%1.json").arg(QLatin1String(key)));
}

bool AccountCache::write(const QString &path, const QJsonObject &root) const
{
    PrivateFiles::makeDir(m_directory);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !PrivateFiles::restrict(file) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        qCWarning(lcModel) << "account cache: cannot write" << file.fileName()
                           << file.errorString();
        return false;
    }
    return true;
}

QJsonObject AccountCache::read(const QString &path, const QString &environment) const
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (file.size() > maxFileSize || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcModel) << "account cache: ignoring" << file.fileName();
        return {};
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QStringLiteral("format")).toInt() != formatVersion ||
        root.value(QStringLiteral("environment")).toString() != environment) {
        qCWarning(lcModel) << "account cache: not ours, ignoring" << file.fileName();
        return {};
    }
    return root;
}

bool AccountCache::save(const QString &environment, const Entry &entry) const
{
    QJsonArray companies;
    for (const Company &company : entry.companies)
        companies.append(company.toJson());
    return write(filePath(environment), QJsonObject{{QStringLiteral("format"), formatVersion},
                                                    {QStringLiteral("environment"), environment},
                                                    {QStringLiteral("user"), entry.user.toJson()},
                                                    {QStringLiteral("companies"), companies}});
}

std::optional<AccountCache::Entry> AccountCache::load(const QString &environment) const
{
    const QJsonObject root = read(filePath(environment), environment);
    if (root.isEmpty())
        return std::nullopt;
    QString error;
    const auto user = User::fromJson(root.value(QStringLiteral("user")).toObject(), &error);
    const auto companies =
        Company::listFromJson(root.value(QStringLiteral("companies")).toArray(), &error);
    if (!user || !companies) {
        qCWarning(lcModel) << "account cache: damaged, ignoring" << filePath(environment) << error;
        return std::nullopt;
    }
    return Entry{*user, *companies};
}

QHash<qint64, QUrl> AccountCache::webBases(const QString &environment) const
{
    QHash<qint64, QUrl> bases;
    const QJsonObject zones = read(zonesPath(filePath(environment)), environment)
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
    QJsonObject zones = read(path, environment).value(QStringLiteral("webBases")).toObject();
    zones.insert(QString::number(companyId), webBase.toString(QUrl::FullyEncoded));
    return write(path, QJsonObject{{QStringLiteral("format"), formatVersion},
                                   {QStringLiteral("environment"), environment},
                                   {QStringLiteral("webBases"), zones}});
}

bool AccountCache::clearAll() const
{
    QDir dir(m_directory);
    bool ok = true;
    const auto files = dir.entryList({QStringLiteral("account-*.json*")}, QDir::Files);
    for (const QString &name : files)
        ok = dir.remove(name) && ok;
    return ok;
}
