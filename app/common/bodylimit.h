#pragma once

#include <QtGlobal>

#include <functional>

class QNetworkReply;
class QObject;

// Refuses an answer larger than a limit as soon as the client can know: on the headers when
// the announced Content-Length is over it, else once what has arrived and waits unread is over
// it. Not on downloadProgress: Qt emits that at most every 100 ms, and a fast sender can hand
// over a whole oversized answer (and finish the reply, so it can no longer be aborted) before
// the first one.
namespace BodyLimit {

// Calls `exceeded` once, then aborts `reply` (which finishes it with OperationCanceledError).
// For callers that read the body only when the reply has finished.
void watch(QNetworkReply *reply, qint64 limit, QObject *context,
           const std::function<void()> &exceeded);

} // namespace BodyLimit
