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

bool AccountCache::save(const QString &environment, const Entry &entry) const
{
    QJsonArray companies;
    for (const Company &company : entry.companies)
        companies.append(company.toJson());
    const QJsonObject root{{QStringLiteral("format"), formatVersion},
                           {QStringLiteral("environment"), environment},
                           {QStringLiteral("user"), entry.user.toJson()},
                           {QStringLiteral("companies"), companies}};
    PrivateFiles::makeDir(m_directory);
    QSaveFile file(filePath(environment));
    if (!file.open(QIODevice::WriteOnly) || !PrivateFiles::restrict(file) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        qCWarning(lcModel) << "account cache: cannot write" << file.fileName()
                           << file.errorString();
        return false;
    }
    return true;
}

std::optional<AccountCache::Entry> AccountCache::load(const QString &environment) const
{
    QFile file(filePath(environment));
    if (!file.exists())
        return std::nullopt;
    if (file.size() > maxFileSize || !file.open(QIODevice::ReadOnly)) {
        qCWarning(lcModel) << "account cache: ignoring" << file.fileName();
        return std::nullopt;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    if (root.value(QStringLiteral("format")).toInt() != formatVersion ||
        root.value(QStringLiteral("environment")).toString() != environment) {
        qCWarning(lcModel) << "account cache: not ours, ignoring" << file.fileName();
        return std::nullopt;
    }
    QString error;
    const auto user = User::fromJson(root.value(QStringLiteral("user")).toObject(), &error);
    const auto companies =
        Company::listFromJson(root.value(QStringLiteral("companies")).toArray(), &error);
    if (!user || !companies) {
        qCWarning(lcModel) << "account cache: damaged, ignoring" << file.fileName() << error;
        return std::nullopt;
    }
    return Entry{*user, *companies};
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
