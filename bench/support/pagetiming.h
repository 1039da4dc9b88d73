#pragma once

class DevToolsPage;

// When a page painted, on the clock every benchmark timestamp is on (benchclock.h), read over
// the DevTools protocol.
namespace PageTiming {
// The page's first contentful paint on CLOCK_MONOTONIC (Chromium's TimeTicks on Linux):
// NavigationStart from Performance.getMetrics plus the paint entry's startTime; -1 if none.
double firstContentfulPaint(DevToolsPage &page, int timeoutMs);
// Chromium's "Timestamp" metric minus our monotonic clock at the answer: about zero when
// both clocks are CLOCK_MONOTONIC.
double clockSkew(DevToolsPage &page);
} // namespace PageTiming
