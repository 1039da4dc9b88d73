#pragma once

#include <QHash>
#include <QList>
#include <QString>

struct Company
{
    qint64 id = 0;
    QString name;
    bool isActive = true;
    QString logoUrl; // empty means null
    bool myCompany = false;
};

struct ProjectStage
{
    qint64 id = 0;
    QString name;
};

struct Project
{
    qint64 id = 0;
    int companyIndex = 0;
    QString name;
    QString projectNumber;
    QString address;
    QString city;
    QString stateCode;
    QString zip;
    QString countryCode;
    QString timeZone; // Rails name
    QString tzName;   // IANA name
    int stageIndex = 0;
    QString phone;
    bool active = true;
    qint64 startDay = 0; // Julian days
    qint64 completionDay = 0;
    qint64 createdAt = 0; // Unix seconds
    qint64 updatedAt = 0;
};

// The generated companies and projects, read-only once built.
struct Dataset
{
    QList<Company> companies;
    QList<QList<Project>> projects; // per company, in the order the API lists them
    QList<ProjectStage> stages;
    QHash<qint64, int> companyIndexById;

    int companyIndex(qint64 id) const { return companyIndexById.value(id, -1); }
    qsizetype projectCount() const;
};
