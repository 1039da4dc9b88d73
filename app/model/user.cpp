#include "user.h"

#include "jsonread.h"

std::optional<User> User::fromJson(const QJsonObject &object, QString *error)
{
    User user;
    QString why;
    if (!JsonRead::id(object.value(QLatin1String("id")), QLatin1String("id"), &user.id, &why,
                      true) ||
        !JsonRead::string(object.value(QLatin1String("login")), QLatin1String("login"), &user.login,
                          &why) ||
        !JsonRead::string(object.value(QLatin1String("name")), QLatin1String("name"), &user.name,
                          &why)) {
        if (error)
            *error = QStringLiteral("user: ") + why;
        return std::nullopt;
    }
    return user;
}

QJsonObject User::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("login"), login},
                       {QStringLiteral("name"), name}};
}
