#pragma once

#include <QtGlobal>

// A fixed window of `limit` requests per `windowSeconds`, starting with the first request, the
// way Procore's X-Rate-Limit-* headers describe it. One window for the whole API server: the
// emulator has one user and one app at a time.
class RateLimiter final
{
public:
    struct State
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetAt = 0; // Unix seconds
    };

    void configure(int limit, int windowSeconds);
    // Counts one request made at nowMs.
    State take(qint64 nowMs);
    State peek(qint64 nowMs);

private:
    void roll(qint64 nowMs);
    State state(bool allowed) const;

    int m_limit = 3600;
    int m_windowSeconds = 3600;
    qint64 m_windowStartMs = -1;
    int m_used = 0;
};
