#include "faultinjector.h"

void FaultInjector::add(const Fault &fault)
{
    m_faults.append(fault);
}

bool FaultInjector::useUp(Fault &fault)
{
    if (fault.remaining > 0)
        --fault.remaining;
    return fault.remaining == 0;
}

FaultInjector::Hit FaultInjector::take(const QString &path)
{
    Hit hit;
    for (auto it = m_faults.begin(); it != m_faults.end();) {
        const bool matches = path.startsWith(it->pathPrefix);
        bool spent = false;
        if (matches && it->kind == Fault::Kind::Latency) {
            hit.extraDelayMs += it->ms;
            spent = useUp(*it);
        } else if (matches && !hit.answer && it->kind != Fault::Kind::ExpireEarly &&
                   it->kind != Fault::Kind::RevokeAll) {
            hit.answer = *it;
            spent = useUp(*it);
        }
        it = spent ? m_faults.erase(it) : it + 1;
    }
    return hit;
}

std::optional<qint64> FaultInjector::takeEarlyExpiry()
{
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (it->kind == Fault::Kind::ExpireEarly) {
            const qint64 lifetime = it->ms;
            if (useUp(*it))
                m_faults.erase(it);
            return lifetime;
        }
    }
    return std::nullopt;
}
