#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// A project as Procore lists it (GET /rest/v1.1/projects). Only `id` is required; every other
// field may be missing or null. A field of the wrong type rejects the whole project.
struct Project
{
    qint64 id = 0;
    QString name;
    QString displayName;
    QString projectNumber;
    QString address;
    QString city;
    QString stateCode;
    QString countryCode;
    QString zip;
    QString timeZone;   // Rails name, e.g. "Pacific Time (US & Canada)"
    QString tzName;     // IANA name, e.g. "America/Los_Angeles" (v1.1's tz_name)
    QString stage;      // the older free-text `stage` (v1.0; v1.1 has project_stage only)
    qint64 stageId = 0; // `project_stage`
    QString stageName;
    QString phone;
    bool active = true;
    QDate startDate;
    QDate completionDate;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC
    qint64 companyId = 0;
    QString companyName;

    // What a person calls the project: name, else display name, else "Project <id>".
    QString title() const;
    // "City, ST" with whichever parts exist.
    QString location() const;
    // project_stage's name, else the older stage text.
    QString stageLabel() const;
    // The IANA name when present, else the Rails one.
    QString timeZoneLabel() const;

    static std::optional<Project> fromJson(const QJsonObject &object, QString *error = nullptr);
    // All or nothing: one malformed entry makes the list nullopt (the error names its index).
    static std::optional<QList<Project>> listFromJson(const QJsonArray &array,
                                                      QString *error = nullptr);
    // One page as it came off the wire: a JSON array of projects (ProjectPageParser: the same
    // rules, read straight from the bytes). A pure function, safe to call from any thread.
    static std::optional<QList<Project>> parsePage(const QByteArray &json,
                                                   QString *error = nullptr);
    // Procore's shape, so fromJson(toJson()) gives the same project back.
    QJsonObject toJson() const;

    bool operator==(const Project &other) const;
    bool operator!=(const Project &other) const { return !(*this == other); }
};

// Every member is relocatable, so lists of 20,000 projects grow by memcpy.
Q_DECLARE_TYPEINFO(Project, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Project)
