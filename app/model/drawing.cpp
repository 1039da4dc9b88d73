#include "drawing.h"

#include "jsonread.h"

#include <QJsonObject>

namespace {

bool isPdfUrl(const QUrl &url)
{
    // Only a file link we can fetch safely: an absolute http(s) URL without user info.
    return url.isValid() && !url.isRelative() && url.userInfo().isEmpty() &&
           (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

std::optional<Drawing> drawingFromJson(const QJsonObject &object, qint64 areaId, bool *current,
                                       QString *why)
{
    Drawing drawing;
    drawing.areaId = areaId;
    bool obsolete = false;
    if (!JsonRead::id(object.value(u"id"), QLatin1String("id"), &drawing.id, why, true) ||
        !JsonRead::string(object.value(u"number"), QLatin1String("number"), &drawing.number, why) ||
        !JsonRead::string(object.value(u"title"), QLatin1String("title"), &drawing.title, why) ||
        !JsonRead::string(object.value(u"discipline"), QLatin1String("discipline"),
                          &drawing.discipline, why) ||
        !JsonRead::boolean(object.value(u"obsolete"), QLatin1String("obsolete"), &obsolete, why))
        return std::nullopt;
    const QJsonValue revisionValue = object.value(u"current_revision");
    *current = !obsolete && revisionValue.isObject();
    if (!*current)
        return drawing;
    const QJsonObject revision = revisionValue.toObject();
    DrawingRevision &rev = drawing.revision;
    QString url;
    const QJsonValue number = revision.value(u"revision_number");
    if (number.isDouble())
        rev.number = QString::number(number.toInteger());
    else if (!JsonRead::string(number, QLatin1String("revision_number"), &rev.number, why))
        return std::nullopt;
    if (!JsonRead::id(revision.value(u"id"), QLatin1String("current_revision.id"), &rev.id, why,
                      true) ||
        !JsonRead::string(revision.value(u"pdf_url"), QLatin1String("pdf_url"), &url, why) ||
        !JsonRead::dateTime(revision.value(u"updated_at"), QLatin1String("updated_at"),
                            &rev.updatedAt, why))
        return std::nullopt;
    const QJsonValue size = revision.value(u"pdf_size");
    if (size.isDouble() && size.toDouble() >= 0 && size.toDouble() < 1e15)
        rev.pdfSize = size.toInteger();
    else if (!size.isNull() && !size.isUndefined()) {
        *why = QStringLiteral("pdf_size is %1").arg(JsonRead::typeName(size));
        return std::nullopt;
    }
    rev.pdfUrl = QUrl(url, QUrl::StrictMode);
    if (!isPdfUrl(rev.pdfUrl)) // a sheet without a usable file is not kept, but still listed
        rev.pdfUrl.clear();
    return drawing;
}

} // namespace

std::optional<QList<DrawingArea>> DrawingArea::listFromJson(const QJsonArray &array, QString *why)
{
    QList<DrawingArea> areas;
    const bool ok = JsonRead::eachObject(
        array, QLatin1String("drawing_areas"), why, [&](const QJsonObject &object, QString *error) {
            DrawingArea area;
            if (!JsonRead::id(object.value(u"id"), QLatin1String("id"), &area.id, error, true) ||
                !JsonRead::string(object.value(u"name"), QLatin1String("name"), &area.name, error))
                return false;
            areas.append(area);
            return true;
        });
    return ok ? std::optional(areas) : std::nullopt;
}

std::optional<QList<Drawing>> Drawing::listFromJson(const QJsonArray &array, qint64 areaId,
                                                    QString *why)
{
    QList<Drawing> drawings;
    const bool ok = JsonRead::eachObject(
        array, QLatin1String("drawings"), why, [&](const QJsonObject &object, QString *error) {
            bool current = false;
            const std::optional<Drawing> drawing = drawingFromJson(object, areaId, &current, error);
            if (drawing && current)
                drawings.append(*drawing);
            return drawing.has_value();
        });
    return ok ? std::optional(drawings) : std::nullopt;
}
