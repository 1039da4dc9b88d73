#pragma once

#include <QString>

// Keyboard input for another process's X11 window, as a person would give it: find the
// process's mapped top-level window (_NET_WM_PID), give it the input focus and press a key.
// Needs an X display (Xvfb in scripts/test-session.sh); Qt applies synthetic key events.
class XWindowKeys final
{
public:
    // Waits until `pid` has a viewable window; false after the timeout or without a display.
    static bool waitForWindow(qint64 pid, int timeoutMs);
    static bool pressReturn(qint64 pid, QString *error);
};
