#pragma once

#include "fault.h"

#include <QList>

// The switched-on faults. Latency faults add up; of the others, the oldest matching one wins.
class FaultInjector final
{
public:
    struct Hit
    {
        int extraDelayMs = 0;
        std::optional<Fault> answer; // 5xx, 503, 429, drop, malformed, stall or huge
    };

    void add(const Fault &fault);
    void clear() { m_faults.clear(); }
    // Faults for one answer to path; uses up one count of each fault that hits.
    Hit take(const QString &path);
    // Lifetime in ms for the next issued access token, if an expire-early fault wants one.
    std::optional<qint64> takeEarlyExpiry();
    QList<Fault> active() const { return m_faults; }

private:
    static bool useUp(Fault &fault);
    QList<Fault> m_faults;
};
