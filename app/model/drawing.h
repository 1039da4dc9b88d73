#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

// A project's drawing area (GET /rest/v1.1/projects/{id}/drawing_areas).
struct DrawingArea
{
    qint64 id = 0;
    QString name;

    // Areas without a valid id are refused with the whole answer; a missing name is kept empty.
    static std::optional<QList<DrawingArea>> listFromJson(const QJsonArray &array, QString *why);
};

// A sheet's current revision: the file to keep offline.
struct DrawingRevision
{
    qint64 id = 0;
    QString number;      // Procore's revision_number is free text ("3", "B")
    QUrl pdfUrl;         // a Procore-host file link or a signed storage URL; expires
    qint64 pdfSize = -1; // -1: not announced
    QDateTime updatedAt; // UTC
};

// A drawing sheet of an area (GET /rest/v1.1/drawing_areas/{id}/drawings). Obsolete sheets and
// sheets without a current revision are not part of the current set and are left out.
struct Drawing
{
    qint64 id = 0;
    qint64 areaId = 0;
    QString number; // "A-101"
    QString title;
    QString discipline;
    DrawingRevision revision;

    // `areaId` is the area the list was asked for; a wrong type anywhere refuses the answer.
    static std::optional<QList<Drawing>> listFromJson(const QJsonArray &array, qint64 areaId,
                                                      QString *why);
};

Q_DECLARE_METATYPE(DrawingArea)
Q_DECLARE_METATYPE(Drawing)
