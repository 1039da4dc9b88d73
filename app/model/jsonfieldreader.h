#pragma once

#include "jsonscanner.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QLatin1String>
#include <QString>

// Reads one field value of a Procore object at the scanner's position into a C++ value, with
// Project::fromJson's rules (JsonRead): null or missing resets the field to its default; a
// wrong type leaves the document readable and records why (a later duplicate key may still fix
// the field, as in QJsonObject, where the last one wins). Every read returns false only for
// broken JSON, whose message the scanner keeps.
class JsonFieldReader final
{
public:
    // How one field value came out.
    struct Outcome
    {
        bool ok = true;
        QString why;
    };

    explicit JsonFieldReader(const QByteArray &json)
        : m_scan(json)
    {}

    JsonScanner &scanner() { return m_scan; }

    bool readId(QLatin1String field, qint64 *value, Outcome *out);
    // `intern`: the value repeats across objects (cities, stage names): one QString for all.
    bool readText(QLatin1String field, QString *value, bool intern, Outcome *out);
    bool readBool(QLatin1String field, bool *value, Outcome *out);
    bool readDate(QLatin1String field, QDate *value, Outcome *out);
    bool readDateTime(QLatin1String field, QDateTime *value, Outcome *out);
    // {id, name} objects (project_stage, company, stage as an object); other keys skipped.
    bool readRef(QLatin1String field, qint64 *id, QString *name, Outcome *out);

private:
    using Type = JsonScanner::Type;
    using Text = JsonScanner::Text;

    // Null resets *value to `ifNull`; another type than `wanted` is recorded in *out and
    // skipped; otherwise `readPresent` reads the value.
    template<typename T, typename Read>
    bool read(QLatin1String field, Type wanted, const char *expected, T *value, T ifNull,
              Outcome *out, Read readPresent);
    QString interned(const Text &text);

    JsonScanner m_scan;
    QHash<QByteArrayView, QString> m_interned;
};
