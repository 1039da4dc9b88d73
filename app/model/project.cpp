#include "project.h"

#include "jsonread.h"
#include "projectpageparser.h"

#include <QCoreApplication>

namespace {

QLatin1String operator""_l1(const char *text, size_t size)
{
    return QLatin1String(text, qsizetype(size));
}

// {id, name} objects: project_stage and company.
bool readRef(const QJsonValue &value, QLatin1String field, qint64 *id, QString *name,
             QString *error)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject()) {
        *error = QStringLiteral("field \"%1\" is %2, expected an object")
                     .arg(field, JsonRead::typeName(value));
        return false;
    }
    const QJsonObject object = value.toObject();
    QString why;
    if (!JsonRead::id(object.value("id"_l1), "id"_l1, id, &why) ||
        !JsonRead::string(object.value("name"_l1), "name"_l1, name, &why)) {
        *error = QStringLiteral("%1.%2").arg(field, why);
        return false;
    }
    return true;
}

// `stage` is text in the API reference but an {id, name} object in some answers.
bool readStage(const QJsonValue &value, QString *stage, QString *error)
{
    if (value.isObject()) {
        qint64 ignored = 0;
        return readRef(value, "stage"_l1, &ignored, stage, error);
    }
    return JsonRead::string(value, "stage"_l1, stage, error);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString Project::title() const
{
    if (!name.isEmpty())
        return name;
    if (!displayName.isEmpty())
        return displayName;
    return QCoreApplication::translate("Project", "Project %1").arg(id);
}

QString Project::location() const
{
    if (city.isEmpty())
        return stateCode;
    if (stateCode.isEmpty())
        return city;
    return city + QStringLiteral(", ") + stateCode;
}

QString Project::stageLabel() const
{
    return stageName.isEmpty() ? stage : stageName;
}

QString Project::timeZoneLabel() const
{
    return tzName.isEmpty() ? timeZone : tzName;
}

std::optional<Project> Project::fromJson(const QJsonObject &o, QString *error)
{
    Project p;
    QString why;
    const bool ok =
        JsonRead::id(o.value("id"_l1), "id"_l1, &p.id, &why, true) &&
        JsonRead::string(o.value("name"_l1), "name"_l1, &p.name, &why) &&
        JsonRead::string(o.value("display_name"_l1), "display_name"_l1, &p.displayName, &why) &&
        JsonRead::string(o.value("project_number"_l1), "project_number"_l1, &p.projectNumber,
                         &why) &&
        JsonRead::string(o.value("address"_l1), "address"_l1, &p.address, &why) &&
        JsonRead::string(o.value("city"_l1), "city"_l1, &p.city, &why) &&
        JsonRead::string(o.value("state_code"_l1), "state_code"_l1, &p.stateCode, &why) &&
        JsonRead::string(o.value("country_code"_l1), "country_code"_l1, &p.countryCode, &why) &&
        JsonRead::string(o.value("zip"_l1), "zip"_l1, &p.zip, &why) &&
        JsonRead::string(o.value("time_zone"_l1), "time_zone"_l1, &p.timeZone, &why) &&
        JsonRead::string(o.value("tz_name"_l1), "tz_name"_l1, &p.tzName, &why) &&
        readStage(o.value("stage"_l1), &p.stage, &why) &&
        readRef(o.value("project_stage"_l1), "project_stage"_l1, &p.stageId, &p.stageName, &why) &&
        JsonRead::string(o.value("phone"_l1), "phone"_l1, &p.phone, &why) &&
        JsonRead::boolean(o.value("active"_l1), "active"_l1, &p.active, &why) &&
        JsonRead::date(o.value("start_date"_l1), "start_date"_l1, &p.startDate, &why) &&
        JsonRead::date(o.value("completion_date"_l1), "completion_date"_l1, &p.completionDate,
                       &why) &&
        JsonRead::dateTime(o.value("created_at"_l1), "created_at"_l1, &p.createdAt, &why) &&
        JsonRead::dateTime(o.value("updated_at"_l1), "updated_at"_l1, &p.updatedAt, &why) &&
        readRef(o.value("company"_l1), "company"_l1, &p.companyId, &p.companyName, &why);
    if (!ok) {
        if (error) {
            const QJsonValue id = o.value("id"_l1);
            *error = id.isDouble() ? QStringLiteral("project %1: %2").arg(id.toInteger()).arg(why)
                                   : QStringLiteral("project: ") + why;
        }
        return std::nullopt;
    }
    return p;
}

std::optional<QList<Project>> Project::listFromJson(const QJsonArray &array, QString *error)
{
    return JsonRead::listOf<Project>(array, QLatin1String("projects"), error, &Project::fromJson);
}

std::optional<QList<Project>> Project::parsePage(const QByteArray &json, QString *error)
{
    return ProjectPageParser::parse(json, error);
}

QJsonObject Project::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), textOrNull(name)},
        {QStringLiteral("display_name"), textOrNull(displayName)},
        {QStringLiteral("project_number"), textOrNull(projectNumber)},
        {QStringLiteral("address"), textOrNull(address)},
        {QStringLiteral("city"), textOrNull(city)},
        {QStringLiteral("state_code"), textOrNull(stateCode)},
        {QStringLiteral("country_code"), textOrNull(countryCode)},
        {QStringLiteral("zip"), textOrNull(zip)},
        {QStringLiteral("time_zone"), textOrNull(timeZone)},
        {QStringLiteral("tz_name"), textOrNull(tzName)},
        {QStringLiteral("stage"), textOrNull(stage)},
        {QStringLiteral("phone"), textOrNull(phone)},
        {QStringLiteral("active"), active},
        {QStringLiteral("start_date"), startDate.isValid()
                                           ? QJsonValue(startDate.toString(Qt::ISODate))
                                           : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("completion_date"), completionDate.isValid()
                                                ? QJsonValue(completionDate.toString(Qt::ISODate))
                                                : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), createdAt.isValid()
                                           ? QJsonValue(createdAt.toString(Qt::ISODateWithMs))
                                           : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("updated_at"), updatedAt.isValid()
                                           ? QJsonValue(updatedAt.toString(Qt::ISODateWithMs))
                                           : QJsonValue(QJsonValue::Null)},
    };
    if (stageId != 0 || !stageName.isNull()) {
        QJsonObject ref{{QStringLiteral("name"), textOrNull(stageName)}};
        if (stageId != 0)
            ref.insert(QStringLiteral("id"), stageId);
        o.insert(QStringLiteral("project_stage"), ref);
    }
    if (companyId != 0 || !companyName.isNull()) {
        QJsonObject ref{{QStringLiteral("name"), textOrNull(companyName)}};
        if (companyId != 0)
            ref.insert(QStringLiteral("id"), companyId);
        o.insert(QStringLiteral("company"), ref);
    }
    return o;
}

bool Project::operator==(const Project &b) const
{
    return id == b.id && name == b.name && displayName == b.displayName &&
           projectNumber == b.projectNumber && address == b.address && city == b.city &&
           stateCode == b.stateCode && countryCode == b.countryCode && zip == b.zip &&
           timeZone == b.timeZone && tzName == b.tzName && stage == b.stage &&
           stageId == b.stageId && stageName == b.stageName && phone == b.phone &&
           active == b.active && startDate == b.startDate && completionDate == b.completionDate &&
           createdAt == b.createdAt && updatedAt == b.updatedAt && companyId == b.companyId &&
           companyName == b.companyName;
}
