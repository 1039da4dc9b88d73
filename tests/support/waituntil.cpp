#include "waituntil.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QEventLoop>
#include <QTimer>

bool waitUntil(const std::function<bool()> &predicate, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Returns from WaitForMoreEvents now and then: to look at the deadline, and to ask again a
    // predicate that polls another process (a page over DevTools), which posts us no event.
    QTimer wake;
    wake.start(5);
    while (!predicate()) {
        if (deadline.hasExpired())
            return predicate();
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        // processEvents outside an event loop leaves deleteLater() undone (as QTest::qWait
        // does, run them here).
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}
