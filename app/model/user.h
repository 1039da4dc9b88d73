#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

// The signed-in person, from GET /rest/v1.0/me.
struct User
{
    qint64 id = 0;
    QString login; // the e-mail address
    QString name;

    // nullopt with *error set when the object is not a Procore user (missing ID, wrong types).
    static std::optional<User> fromJson(const QJsonObject &object, QString *error = nullptr);
    QJsonObject toJson() const;

    bool operator==(const User &other) const
    {
        return id == other.id && login == other.login && name == other.name;
    }
};

Q_DECLARE_METATYPE(User)
