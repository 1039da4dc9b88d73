#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// A company the user can see, from GET /rest/v1.0/companies.
struct Company
{
    qint64 id = 0;
    QString name;
    bool isActive = true;
    QString logoUrl;
    bool myCompany = false;

    static std::optional<Company> fromJson(const QJsonObject &object, QString *error = nullptr);
    // The whole array or nothing: one malformed entry makes the list nullopt.
    static std::optional<QList<Company>> listFromJson(const QJsonArray &array,
                                                      QString *error = nullptr);
    QJsonObject toJson() const;
    // The company with this ID in `companies`, or nullptr.
    static const Company *find(const QList<Company> &companies, qint64 id);

    bool operator==(const Company &other) const
    {
        return id == other.id && name == other.name && isActive == other.isActive &&
               logoUrl == other.logoUrl && myCompany == other.myCompany;
    }
};

Q_DECLARE_METATYPE(Company)
