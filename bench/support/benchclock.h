#pragma once

#include <chrono>

// The monotonic clock in seconds: the clock every timestamp in bench/ is on (the app's
// first-projects-paint, bench-spawn's spawn-start, Chromium's TimeTicks on Linux). libstdc++'s
// steady_clock is CLOCK_MONOTONIC.
inline double monotonicSeconds()
{
    const std::chrono::duration<double> now = std::chrono::steady_clock::now().time_since_epoch();
    return now.count();
}
