#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

// Runs the event loop until `predicate` holds or `timeoutMs` passed. Unlike QTest::qWaitFor,
// which sleeps 10 ms between rounds of events, it blocks only in the event dispatcher, so a
// network reply is handled the moment it arrives: a benchmark must not add its own latency.
template<typename Predicate> bool waitUntil(Predicate predicate, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // returns from WaitForMoreEvents now and then to look at the deadline
    wake.start(50);
    while (!predicate()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}
