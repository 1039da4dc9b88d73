#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The wire format a second launch uses to hand its arguments to the running instance over a
// local socket: "PDI1", a 32-bit big-endian length, then UTF-8 JSON {"v":1,"args":[...]}.
// The socket is an input like any other, so decoding is strict and size-limited.
namespace InstanceMessage {
constexpr int maxPayload = 32 * 1024;
constexpr int maxArguments = 32;
constexpr int maxArgumentLength = 4096;
constexpr int headerSize = 8;

QByteArray encode(const QStringList &arguments);

enum class Status { Complete, NeedMore, Invalid };
struct Decoded
{
    Status status = Status::NeedMore;
    QStringList arguments;
    QString error; // for logs
};
// Looks at the bytes received so far; never reads past one message.
Decoded decode(const QByteArray &buffer);
} // namespace InstanceMessage
