#include "projectpageparser.h"

#include "common/utc.h"
#include "jsonread.h"
#include "jsonscanner.h"

#include <QByteArrayView>
#include <QHash>

#include <array>

namespace {

using Type = JsonScanner::Type;
using Text = JsonScanner::Text;

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

// How one field value came out: a wrong type leaves the document readable (a later duplicate
// key may still fix the field, as in QJsonObject, where the last one wins).
struct Outcome
{
    bool ok = true;
    QString why;
};

bool digits(const char *p, int count, int *out)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        value = value * 10 + (p[i] - '0');
    }
    *out = value;
    return true;
}

// "YYYY-MM-DD" at p (at least 10 bytes); anything else is left to QDate::fromString.
bool quickDate(const char *p, QDate *out)
{
    int y = 0, m = 0, d = 0;
    if (p[4] != '-' || p[7] != '-' || !digits(p, 4, &y) || !digits(p + 5, 2, &m) ||
        !digits(p + 8, 2, &d) || y == 0)
        return false;
    *out = QDate(y, m, d);
    return true;
}

// "YYYY-MM-DDTHH:MM:SSZ", the form Procore sends; anything else is left to QDateTime.
bool quickDateTime(const Text &text, QDateTime *out)
{
    const char *p = text.begin;
    QDate date;
    int h = 0, m = 0, s = 0;
    if (text.escaped || text.end - p != 20 || !quickDate(p, &date) || !date.isValid() ||
        p[10] != 'T' || p[13] != ':' || p[16] != ':' || p[19] != 'Z' || !digits(p + 11, 2, &h) ||
        !digits(p + 14, 2, &m) || !digits(p + 17, 2, &s) || h >= 24 || m >= 60 || s >= 60)
        return false;
    *out = QDateTime(date, QTime(h, m, s), Utc::zone);
    return true;
}

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
        : m_scan(json)
    {}
    std::optional<QList<Project>> run(QString *error);

private:
    // Each reader consumes one value and returns false only for broken JSON. A missing or
    // null value resets the field to its default; a wrong type fills *out.
    bool wrongType(QLatin1String field, const char *expected, Type type, Outcome *out);
    bool readId(QLatin1String field, qint64 *value, Outcome *out);
    bool readText(QLatin1String field, QString *value, bool intern, Outcome *out);
    bool readBool(QLatin1String field, bool *value, Outcome *out);
    bool readDate(QLatin1String field, QDate *value, Outcome *out);
    bool readDateTime(QLatin1String field, QDateTime *value, Outcome *out);
    bool readRef(QLatin1String field, qint64 *id, QString *name, Outcome *out);
    bool readProject(Project *project, QString *semanticError);
    QString interned(const Text &text);

    JsonScanner m_scan;
    // Cities, states, time zones, stage and company names repeat on every page: one QString
    // each instead of one per project.
    QHash<QByteArrayView, QString> m_interned;
};

QString ProjectReader::interned(const Text &text)
{
    if (text.escaped)
        return JsonScanner::toString(text);
    const auto it = m_interned.constFind(text.view());
    if (it != m_interned.cend())
        return *it;
    return *m_interned.insert(text.view(), JsonScanner::toString(text));
}

bool ProjectReader::wrongType(QLatin1String field, const char *expected, Type type, Outcome *out)
{
    out->ok = false;
    out->why = QStringLiteral("field \"%1\" is %2, expected %3")
                   .arg(field, JsonScanner::typeName(type), QLatin1String(expected));
    return m_scan.skip(1);
}

bool ProjectReader::readId(QLatin1String field, qint64 *value, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = 0;
        return m_scan.null();
    }
    if (type != Type::Number)
        return wrongType(field, "an ID (a positive whole number)", type, out);
    JsonScanner::Number n;
    if (!m_scan.number(&n))
        return false;
    qint64 id = 0;
    if (JsonScanner::wholeNumber(n, &id) && id > 0) {
        *value = id;
        return true;
    }
    out->ok = false;
    out->why = QStringLiteral("field \"%1\" is %2, expected an ID (a positive whole number)")
                   .arg(field, QString::fromLatin1(n.begin, n.end - n.begin));
    return true;
}

bool ProjectReader::readText(QLatin1String field, QString *value, bool intern, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = QString();
        return m_scan.null();
    }
    if (type != Type::String)
        return wrongType(field, "a string", type, out);
    Text text;
    if (!m_scan.string(&text))
        return false;
    *value = intern ? interned(text) : JsonScanner::toString(text);
    return true;
}

bool ProjectReader::readBool(QLatin1String field, bool *value, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = true;
        return m_scan.null();
    }
    if (type != Type::Bool)
        return wrongType(field, "a boolean", type, out);
    return m_scan.boolean(value);
}

bool ProjectReader::readDate(QLatin1String field, QDate *value, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = QDate();
        return m_scan.null();
    }
    if (type != Type::String)
        return wrongType(field, "a date string", type, out);
    Text text;
    if (!m_scan.string(&text))
        return false;
    if (text.escaped || text.end - text.begin < 10 || !quickDate(text.begin, value))
        JsonRead::date(QJsonValue(JsonScanner::toString(text)), field, value, &out->why);
    return true;
}

bool ProjectReader::readDateTime(QLatin1String field, QDateTime *value, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *value = QDateTime();
        return m_scan.null();
    }
    if (type != Type::String)
        return wrongType(field, "a timestamp string", type, out);
    Text text;
    if (!m_scan.string(&text))
        return false;
    if (!quickDateTime(text, value))
        JsonRead::dateTime(QJsonValue(JsonScanner::toString(text)), field, value, &out->why);
    return true;
}

// {id, name} objects (project_stage, company, stage as an object); other keys skipped.
bool ProjectReader::readRef(QLatin1String field, qint64 *id, QString *name, Outcome *out)
{
    const Type type = m_scan.peek();
    if (type == Type::Null) {
        *id = 0;
        *name = QString();
        return m_scan.null();
    }
    if (type != Type::Object)
        return wrongType(field, "an object", type, out);
    m_scan.take('{');
    qint64 newId = 0;
    QString newName;
    Outcome idOutcome, nameOutcome;
    bool first = true;
    for (;;) {
        Text key;
        bool done = false;
        if (!m_scan.nextMember(&first, &key, &done))
            return false;
        if (done)
            break;
        QByteArray decoded;
        QByteArrayView keyBytes = key.view();
        if (key.escaped) {
            decoded = JsonScanner::toString(key).toUtf8();
            keyBytes = decoded;
        }
        bool read = true;
        if (keyBytes == "id") {
            idOutcome = {};
            read = readId(QLatin1String("id"), &newId, &idOutcome);
        } else if (keyBytes == "name") {
            nameOutcome = {};
            read = readText(QLatin1String("name"), &newName, true, &nameOutcome);
        } else {
            read = m_scan.skip(2);
        }
        if (!read)
            return false;
    }
    if (!idOutcome.ok || !nameOutcome.ok) {
        out->ok = false;
        out->why =
            QStringLiteral("%1.%2").arg(field, !idOutcome.ok ? idOutcome.why : nameOutcome.why);
        return true;
    }
    *id = newId;
    *name = newName;
    return true;
}

bool ProjectReader::readProject(Project *p, QString *semanticError)
{
    m_scan.take('{');
    std::array<Outcome, FieldCount> outcomes;
    bool first = true;
    for (;;) {
        Text key;
        bool done = false;
        if (!m_scan.nextMember(&first, &key, &done))
            return false;
        if (done)
            break;
        const Field f = fieldOf(key);
        if (f == FUnknown) {
            if (!m_scan.skip(2))
                return false;
            continue;
        }
        Outcome &o = outcomes[f];
        o = {};
        bool read = true;
        switch (f) {
        case FId:
            read = readId(QLatin1String("id"), &p->id, &o);
            break;
        case FName:
            read = readText(QLatin1String("name"), &p->name, false, &o);
            break;
        case FDisplayName:
            read = readText(QLatin1String("display_name"), &p->displayName, false, &o);
            break;
        case FNumber:
            read = readText(QLatin1String("project_number"), &p->projectNumber, false, &o);
            break;
        case FAddress:
            read = readText(QLatin1String("address"), &p->address, false, &o);
            break;
        case FCity:
            read = readText(QLatin1String("city"), &p->city, true, &o);
            break;
        case FState:
            read = readText(QLatin1String("state_code"), &p->stateCode, true, &o);
            break;
        case FCountry:
            read = readText(QLatin1String("country_code"), &p->countryCode, true, &o);
            break;
        case FZip:
            read = readText(QLatin1String("zip"), &p->zip, true, &o);
            break;
        case FTimeZone:
            read = readText(QLatin1String("time_zone"), &p->timeZone, true, &o);
            break;
        case FTzName:
            read = readText(QLatin1String("tz_name"), &p->tzName, true, &o);
            break;
        case FStage:
            if (m_scan.peek() == Type::Object) {
                qint64 ignored = 0;
                read = readRef(QLatin1String("stage"), &ignored, &p->stage, &o);
            } else {
                read = readText(QLatin1String("stage"), &p->stage, true, &o);
            }
            break;
        case FProjectStage:
            read = readRef(QLatin1String("project_stage"), &p->stageId, &p->stageName, &o);
            break;
        case FPhone:
            read = readText(QLatin1String("phone"), &p->phone, false, &o);
            break;
        case FActive:
            read = readBool(QLatin1String("active"), &p->active, &o);
            break;
        case FStartDate:
            read = readDate(QLatin1String("start_date"), &p->startDate, &o);
            break;
        case FCompletionDate:
            read = readDate(QLatin1String("completion_date"), &p->completionDate, &o);
            break;
        case FCreatedAt:
            read = readDateTime(QLatin1String("created_at"), &p->createdAt, &o);
            break;
        case FUpdatedAt:
            read = readDateTime(QLatin1String("updated_at"), &p->updatedAt, &o);
            break;
        case FCompany:
            read = readRef(QLatin1String("company"), &p->companyId, &p->companyName, &o);
            break;
        case FieldCount:
            break;
        }
        if (!read)
            return false;
    }
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
    m_scan.take('[');
    QList<Project> projects;
    QString semanticError;
    bool first = true;
    for (qsizetype index = 0;; ++index) {
        bool done = false;
        if (!m_scan.nextElement(&first, &done))
            return failed(m_scan.error());
        if (done)
            break;
        const Type type = m_scan.peek();
        if (type == Type::Object) {
            Project p;
            QString why;
            if (!readProject(&p, &why))
                return failed(m_scan.error());
            if (!why.isEmpty() && semanticError.isEmpty())
                semanticError = QStringLiteral("projects[%1]: %2").arg(index).arg(why);
            if (semanticError.isEmpty())
                projects.append(std::move(p));
            continue;
        }
        if (semanticError.isEmpty() && type != Type::Invalid)
            semanticError = QStringLiteral("projects[%1] is %2, expected an object")
                                .arg(index)
                                .arg(JsonScanner::typeName(type));
        if (!m_scan.skip(1))
            return failed(m_scan.error());
    }
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
