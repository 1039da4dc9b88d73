#pragma once

#include <functional>

// Runs the event loop until `predicate` holds or `timeoutMs` passed; the predicate's last
// answer. Unlike QTest::qWaitFor, QTRY_* and qWait, which sleep 10 ms between rounds of
// events, it blocks only in the event dispatcher: a network reply is handled the moment it
// arrives (a benchmark must not add its own latency), and WebEngine's message pump is never
// starved (a page then takes seconds instead of a fraction of one).
bool waitUntil(const std::function<bool()> &predicate, int timeoutMs = 15000);
