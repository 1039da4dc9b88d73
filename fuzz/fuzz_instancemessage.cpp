// InstanceMessage::decode on any bytes a local socket may deliver. Beyond not crashing: a
// complete message respects the limits and re-encodes to a message with the same arguments;
// every proper prefix of a complete message asks for more; bytes after a complete or invalid
// message never make it acceptable.
#include "fuzzcheck.h"
#include "links/instancemessage.h"

#include <cstddef>
#include <cstdint>

namespace {
using InstanceMessage::Status;

QString show(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.left(200).toHex(' '));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray buffer(reinterpret_cast<const char *>(data), qsizetype(size));
    const InstanceMessage::Decoded decoded = InstanceMessage::decode(buffer);

    fuzzCheck(decoded.status == Status::Complete || decoded.arguments.isEmpty(),
              "only a complete message yields arguments", show(buffer));
    fuzzCheck(decoded.status != Status::Invalid || !decoded.error.isEmpty(),
              "an invalid message says why", show(buffer));
    fuzzCheck(buffer.size() <= InstanceMessage::headerSize + InstanceMessage::maxPayload ||
                  decoded.status == Status::Invalid,
              "nothing larger than one message is accepted or waited on", show(buffer));

    if (decoded.status == Status::Complete) {
        fuzzCheck(decoded.arguments.size() <= InstanceMessage::maxArguments,
                  "at most maxArguments arguments", show(buffer));
        for (const QString &argument : decoded.arguments)
            fuzzCheck(argument.size() <= InstanceMessage::maxArgumentLength,
                      "no argument longer than maxArgumentLength", show(buffer));
        const InstanceMessage::Decoded again =
            InstanceMessage::decode(InstanceMessage::encode(decoded.arguments));
        fuzzCheck(again.status == Status::Complete && again.arguments == decoded.arguments,
                  "decode(encode(arguments)) gives the arguments back", show(buffer));
        // A reader sees the message arrive in pieces: every piece before the last asks for more.
        for (qsizetype n = 0; n < buffer.size(); ++n)
            fuzzCheck(InstanceMessage::decode(buffer.left(n)).status == Status::NeedMore,
                      "a proper prefix of a complete message needs more",
                      QStringLiteral("prefix %1 of ").arg(n) + show(buffer));
    }
    if (decoded.status != Status::NeedMore) {
        const QByteArray longer = buffer + QByteArrayLiteral("}");
        fuzzCheck(InstanceMessage::decode(longer).status == Status::Invalid,
                  "bytes after a complete or invalid message are invalid", show(buffer));
    }
    return 0;
}
