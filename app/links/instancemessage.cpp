#include "instancemessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace InstanceMessage {
namespace {
const QByteArray magic = QByteArrayLiteral("PDI1");

Decoded invalid(const char *why)
{
    return {Status::Invalid, {}, QString::fromLatin1(why)};
}
} // namespace

QByteArray encode(const QStringList &arguments)
{
    QJsonObject object{{QStringLiteral("v"), 1},
                       {QStringLiteral("args"), QJsonArray::fromStringList(arguments)}};
    const QByteArray payload = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QByteArray message = magic;
    char length[4];
    qToBigEndian<quint32>(quint32(payload.size()), length);
    message.append(length, 4);
    message.append(payload);
    return message;
}

Decoded decode(const QByteArray &buffer)
{
    const qsizetype prefix = qMin<qsizetype>(buffer.size(), magic.size());
    if (buffer.left(prefix) != magic.left(prefix))
        return invalid("bad magic");
    if (buffer.size() < headerSize)
        return {};
    const quint32 length = qFromBigEndian<quint32>(buffer.constData() + magic.size());
    if (length == 0 || length > quint32(maxPayload))
        return invalid("bad length");
    if (buffer.size() < headerSize + qsizetype(length))
        return {};
    if (buffer.size() > headerSize + qsizetype(length))
        return invalid("trailing bytes");

    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(buffer.mid(headerSize, length), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalid("not a JSON object");
    const QJsonObject object = document.object();
    if (object.size() != 2 || object.value(QStringLiteral("v")) != QJsonValue(1))
        return invalid("unknown version");
    const QJsonValue args = object.value(QStringLiteral("args"));
    if (!args.isArray() || args.toArray().size() > maxArguments)
        return invalid("bad arguments");
    Decoded result{Status::Complete, {}, {}};
    for (const QJsonValue &value : args.toArray()) {
        if (!value.isString() || value.toString().size() > maxArgumentLength)
            return invalid("bad argument");
        result.arguments.append(value.toString());
    }
    return result;
}

} // namespace InstanceMessage
