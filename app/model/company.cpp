#include "company.h"

#include "jsonread.h"

std::optional<Company> Company::fromJson(const QJsonObject &object, QString *error)
{
    Company company;
    QString why;
    const bool ok = JsonRead::id(object.value(QLatin1String("id")), QLatin1String("id"),
                                 &company.id, &why, true) &&
                    JsonRead::string(object.value(QLatin1String("name")), QLatin1String("name"),
                                     &company.name, &why) &&
                    JsonRead::boolean(object.value(QLatin1String("is_active")),
                                      QLatin1String("is_active"), &company.isActive, &why) &&
                    JsonRead::string(object.value(QLatin1String("logo_url")),
                                     QLatin1String("logo_url"), &company.logoUrl, &why) &&
                    JsonRead::boolean(object.value(QLatin1String("my_company")),
                                      QLatin1String("my_company"), &company.myCompany, &why);
    if (!ok) {
        if (error)
            *error = QStringLiteral("company: ") + why;
        return std::nullopt;
    }
    return company;
}

std::optional<QList<Company>> Company::listFromJson(const QJsonArray &array, QString *error)
{
    return JsonRead::listOf<Company>(array, QLatin1String("companies"), error, &Company::fromJson);
}

QJsonObject Company::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("is_active"), isActive},
                       {QStringLiteral("logo_url"),
                        logoUrl.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(logoUrl)},
                       {QStringLiteral("my_company"), myCompany}};
}

const Company *Company::find(const QList<Company> &companies, qint64 id)
{
    for (const Company &candidate : companies) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}
