#include "projectpageparser.h"

#include "jsonfieldreader.h"

#include <QByteArrayView>
#include <QHash>

#include <array>

namespace {

using Type = JsonScanner::Type;
using Text = JsonScanner::Text;
using Outcome = JsonFieldReader::Outcome;

// The fields of a project, in the order Project::fromJson checks them (errors name the first).
enum Field {
    FId,
    FName,
    FDisplayName,
    FNumber,
    FAddress,
    FCity,
    FState,
    FCountry,
    FZip,
    FTimeZone,
    FTzName,
    FStage,
    FProjectStage,
    FPhone,
    FActive,
    FStartDate,
    FCompletionDate,
    FCreatedAt,
    FUpdatedAt,
    FCompany,
    FieldCount,
    FUnknown = FieldCount
};

Field fieldOf(const Text &key)
{
    static const QHash<QByteArrayView, Field> fields{
        {"id", FId},
        {"name", FName},
        {"display_name", FDisplayName},
        {"project_number", FNumber},
        {"address", FAddress},
        {"city", FCity},
        {"state_code", FState},
        {"country_code", FCountry},
        {"zip", FZip},
        {"time_zone", FTimeZone},
        {"tz_name", FTzName},
        {"stage", FStage},
        {"project_stage", FProjectStage},
        {"phone", FPhone},
        {"active", FActive},
        {"start_date", FStartDate},
        {"completion_date", FCompletionDate},
        {"created_at", FCreatedAt},
        {"updated_at", FUpdatedAt},
        {"company", FCompany},
    };
    if (!key.escaped)
        return fields.value(key.view(), FUnknown);
    const QByteArray decoded = JsonScanner::toString(key).toUtf8();
    return fields.value(QByteArrayView(decoded), FUnknown);
}

class ProjectReader
{
public:
    explicit ProjectReader(const QByteArray &json)
        : m_fields(json)
        , m_scan(m_fields.scanner())
    {}
    std::optional<QList<Project>> run(QString *error);

private:
    bool readProject(Project *project, QString *semanticError);
    bool readField(Field f, Project *p, Outcome *o);

    JsonFieldReader m_fields;
    JsonScanner &m_scan;
};

bool ProjectReader::readField(Field f, Project *p, Outcome *o)
{
    const auto text = [&](const char *name, QString *value, bool intern) {
        return m_fields.readText(QLatin1String(name), value, intern, o);
    };
    switch (f) {
    case FId:
        return m_fields.readId(QLatin1String("id"), &p->id, o);
    case FName:
        return text("name", &p->name, false);
    case FDisplayName:
        return text("display_name", &p->displayName, false);
    case FNumber:
        return text("project_number", &p->projectNumber, false);
    case FAddress:
        return text("address", &p->address, false);
    case FCity:
        return text("city", &p->city, true);
    case FState:
        return text("state_code", &p->stateCode, true);
    case FCountry:
        return text("country_code", &p->countryCode, true);
    case FZip:
        return text("zip", &p->zip, true);
    case FTimeZone:
        return text("time_zone", &p->timeZone, true);
    case FTzName:
        return text("tz_name", &p->tzName, true);
    case FStage:
        if (m_scan.peek() == Type::Object) {
            qint64 ignored = 0;
            return m_fields.readRef(QLatin1String("stage"), &ignored, &p->stage, o);
        }
        return text("stage", &p->stage, true);
    case FProjectStage:
        return m_fields.readRef(QLatin1String("project_stage"), &p->stageId, &p->stageName, o);
    case FPhone:
        return text("phone", &p->phone, false);
    case FActive:
        return m_fields.readBool(QLatin1String("active"), &p->active, o);
    case FStartDate:
        return m_fields.readDate(QLatin1String("start_date"), &p->startDate, o);
    case FCompletionDate:
        return m_fields.readDate(QLatin1String("completion_date"), &p->completionDate, o);
    case FCreatedAt:
        return m_fields.readDateTime(QLatin1String("created_at"), &p->createdAt, o);
    case FUpdatedAt:
        return m_fields.readDateTime(QLatin1String("updated_at"), &p->updatedAt, o);
    case FCompany:
        return m_fields.readRef(QLatin1String("company"), &p->companyId, &p->companyName, o);
    case FieldCount:
        break;
    }
    return m_scan.skip(2);
}

bool ProjectReader::readProject(Project *p, QString *semanticError)
{
    std::array<Outcome, FieldCount> outcomes;
    const bool read = m_scan.members([&](const Text &key) {
        const Field f = fieldOf(key);
        if (f == FUnknown)
            return m_scan.skip(2);
        outcomes[f] = {};
        return readField(f, p, &outcomes[f]);
    });
    if (!read)
        return false;
    if (outcomes[FId].ok && p->id <= 0)
        outcomes[FId] = {false, QStringLiteral("field \"id\" is missing, expected an ID")};
    for (int f = 0; f < FieldCount; ++f) {
        if (!outcomes[f].ok) {
            *semanticError = p->id > 0 && f != FId
                                 ? QStringLiteral("project %1: %2").arg(p->id).arg(outcomes[f].why)
                                 : QStringLiteral("project: ") + outcomes[f].why;
            break;
        }
    }
    return true;
}

std::optional<QList<Project>> ProjectReader::run(QString *error)
{
    const auto failed = [&](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const Type top = m_scan.peek();
    if (top != Type::Array) {
        if (top == Type::Object && m_scan.skip() && m_scan.atEnd())
            return failed(QStringLiteral("expected a JSON array of projects, got an object"));
        m_scan.fail(QStringLiteral("expected a JSON array"));
        return failed(m_scan.error());
    }
    QList<Project> projects;
    QString semanticError;
    qsizetype index = 0;
    const bool read = m_scan.elements([&] {
        const qsizetype at = index++;
        const Type type = m_scan.peek();
        if (type == Type::Object) {
            Project p;
            QString why;
            if (!readProject(&p, &why))
                return false;
            if (!why.isEmpty() && semanticError.isEmpty())
                semanticError = QStringLiteral("projects[%1]: %2").arg(at).arg(why);
            if (semanticError.isEmpty())
                projects.append(std::move(p));
            return true;
        }
        if (semanticError.isEmpty() && type != Type::Invalid)
            semanticError = QStringLiteral("projects[%1] is %2, expected an object")
                                .arg(at)
                                .arg(JsonScanner::typeName(type));
        return m_scan.skip(1);
    });
    if (!read)
        return failed(m_scan.error());
    if (!m_scan.atEnd()) {
        m_scan.fail(QStringLiteral("garbage at the end of the document"));
        return failed(m_scan.error());
    }
    // A document QJsonDocument would refuse is refused as such; only then do field errors count.
    if (!semanticError.isEmpty())
        return failed(semanticError);
    return projects;
}

} // namespace

std::optional<QList<Project>> ProjectPageParser::parse(const QByteArray &json, QString *error)
{
    ProjectReader reader(json);
    return reader.run(error);
}
