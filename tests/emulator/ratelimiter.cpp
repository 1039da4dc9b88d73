#include "ratelimiter.h"

#include <algorithm>

void RateLimiter::configure(int limit, int windowSeconds)
{
    m_limit = limit;
    m_windowSeconds = std::max(1, windowSeconds);
    m_windowStartMs = -1;
    m_used = 0;
}

void RateLimiter::roll(qint64 nowMs)
{
    if (m_windowStartMs < 0 || nowMs >= m_windowStartMs + qint64(m_windowSeconds) * 1000) {
        m_windowStartMs = nowMs;
        m_used = 0;
    }
}

RateLimiter::State RateLimiter::take(qint64 nowMs)
{
    roll(nowMs);
    if (m_used >= m_limit)
        return state(false);
    ++m_used;
    return state(true);
}

RateLimiter::State RateLimiter::peek(qint64 nowMs)
{
    roll(nowMs);
    return state(m_used < m_limit);
}

RateLimiter::State RateLimiter::state(bool allowed) const
{
    State s;
    s.allowed = allowed;
    s.limit = m_limit;
    s.remaining = std::max(0, m_limit - m_used);
    // Rounded up, so a client waiting until the reset second never arrives early.
    s.resetAt = (m_windowStartMs + qint64(m_windowSeconds) * 1000 + 999) / 1000;
    return s;
}
