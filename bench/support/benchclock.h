#pragma once

#include <ctime>

// CLOCK_MONOTONIC in seconds: the clock every timestamp in bench/ is on (the app's
// first-projects-paint, bench-spawn's spawn-start, Chromium's TimeTicks on Linux).
inline double monotonicSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}
