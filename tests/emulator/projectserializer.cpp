#include "projectserializer.h"

#include "common/utc.h"

#include "dataset.h"
#include "jsonwriter.h"

#include <QDate>
#include <QDateTime>

static QString isoDate(qint64 julianDay)
{
    return QDate::fromJulianDay(julianDay).toString(Qt::ISODate);
}

static QString isoTimestamp(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Utc::zone).toString(Qt::ISODate);
}

static void writeCompany(JsonWriter &json, const Company &company)
{
    json.beginObject();
    json.key("id").number(company.id);
    json.key("name").string(company.name);
    json.endObject();
}

void ProjectSerializer::writeFull(JsonWriter &json, const Dataset &data, const Project &project,
                                  bool v10)
{
    const ProjectStage &stage = data.stages.at(project.stageIndex);
    json.beginObject();
    json.key("id").number(project.id);
    json.key("name").string(project.name);
    json.key("display_name").string(project.projectNumber + QStringLiteral(" - ") + project.name);
    json.key("project_number").string(project.projectNumber);
    json.key("address").string(project.address);
    json.key("city").string(project.city);
    json.key("state_code").string(project.stateCode);
    json.key("country_code").string(project.countryCode);
    json.key("zip").string(project.zip);
    json.key("county").nullValue();
    json.key("time_zone").string(project.timeZone);
    json.key("tz_name").string(project.tzName);
    if (v10)
        json.key("stage").string(stage.name);
    json.key("project_stage").beginObject();
    json.key("id").number(stage.id);
    json.key("name").string(stage.name);
    json.endObject();
    json.key("phone").string(project.phone);
    json.key("active").boolean(project.active);
    json.key("start_date").string(isoDate(project.startDay));
    json.key("completion_date").string(isoDate(project.completionDay));
    json.key("created_at").string(isoTimestamp(project.createdAt));
    json.key("updated_at").string(isoTimestamp(project.updatedAt));
    json.key("origin_id").nullValue();
    json.key("logo_url").nullValue();
    json.key("company");
    writeCompany(json, data.companies.at(project.companyIndex));
    json.endObject();
}

void ProjectSerializer::writeCompact(JsonWriter &json, const Dataset &data, const Project &project)
{
    json.beginObject();
    json.key("id").number(project.id);
    json.key("name").string(project.name);
    json.key("display_name").string(project.projectNumber + QStringLiteral(" - ") + project.name);
    json.key("project_number").string(project.projectNumber);
    json.key("active").boolean(project.active);
    json.key("company");
    writeCompany(json, data.companies.at(project.companyIndex));
    json.endObject();
}

QByteArray ProjectSerializer::array(const Dataset &data, const QList<const Project *> &projects,
                                    bool compact, bool v10)
{
    QByteArray out;
    out.reserve(projects.size() * (compact ? 200 : 800) + 2);
    JsonWriter json(&out);
    json.beginArray();
    for (const Project *project : projects) {
        if (compact)
            writeCompact(json, data, *project);
        else
            writeFull(json, data, *project, v10);
    }
    json.endArray();
    return out;
}

QByteArray ProjectSerializer::companies(const Dataset &data)
{
    QByteArray out;
    JsonWriter json(&out);
    json.beginArray();
    for (const Company &company : data.companies) {
        json.beginObject();
        json.key("id").number(company.id);
        json.key("name").string(company.name);
        json.key("is_active").boolean(company.isActive);
        json.key("logo_url").stringOrNull(company.logoUrl);
        json.key("my_company").boolean(company.myCompany);
        json.endObject();
    }
    json.endArray();
    return out;
}
