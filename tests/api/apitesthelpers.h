#pragma once

#include "common/procoreerror.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>

// Runs one job to its end: `grab(job)` runs inside the finished signal, before the job
// deletes itself, to copy out its results. A job that does not finish in time is cancelled.
// Waits in a QEventLoop woken by the signal (QTest::qWaitFor sleeps 10 ms between rounds of
// events, which would show up in every timing).
namespace ApiTest {

template<typename Job, typename Grab> ProcoreError run(Job *job, Grab grab, int timeoutMs = 20000)
{
    ProcoreError result;
    bool done = false;
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, [&, job](const ProcoreError &error) {
        result = error;
        done = true;
        grab(job);
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    if (!done) {
        job->cancel();
        return ProcoreError(ProcoreError::Kind::Timeout, QStringLiteral("test"),
                            QStringLiteral("job did not finish in time"));
    }
    return result;
}

template<typename Job> ProcoreError run(Job *job, int timeoutMs = 20000)
{
    return run(
        job, [](Job *) {}, timeoutMs);
}

inline QByteArray describe(const ProcoreError &error)
{
    return (ProcoreError::kindName(error.kind) + QStringLiteral(": ") + error.message +
            QStringLiteral(" [") + error.detail + QStringLiteral("]"))
        .toUtf8();
}

} // namespace ApiTest
