#pragma once

class QNetworkReply;

namespace NetworkWait {
// Runs a local event loop until reply finishes or timeoutMs passes (then aborts it).
// Returns true when it finished on its own.
bool forReply(QNetworkReply *reply, int timeoutMs);
} // namespace NetworkWait
