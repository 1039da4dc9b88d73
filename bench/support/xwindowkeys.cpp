#include "xwindowkeys.h"

#include "waituntil.h"

#include "benchclock.h"

#include <QTest>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

namespace {
Window findWindow(Display *display, Window parent, Atom pidAtom, unsigned long pid)
{
    Window root = 0, ignored = 0;
    Window *children = nullptr;
    unsigned int count = 0;
    if (!XQueryTree(display, parent, &root, &ignored, &children, &count))
        return 0;
    Window found = 0;
    for (unsigned int i = 0; i < count && !found; ++i) {
        XWindowAttributes attributes{};
        if (!XGetWindowAttributes(display, children[i], &attributes) ||
            attributes.map_state != IsViewable)
            continue;
        Atom type = 0;
        int format = 0;
        unsigned long items = 0, after = 0;
        unsigned char *data = nullptr;
        if (XGetWindowProperty(display, children[i], pidAtom, 0, 1, False, XA_CARDINAL, &type,
                               &format, &items, &after, &data) == Success &&
            data) {
            if (items == 1 && format == 32 && *reinterpret_cast<unsigned long *>(data) == pid)
                found = children[i];
            XFree(data);
        }
    }
    if (children)
        XFree(children);
    return found;
}

Window windowOf(Display *display, qint64 pid)
{
    const Atom pidAtom = XInternAtom(display, "_NET_WM_PID", True);
    return pidAtom ? findWindow(display, DefaultRootWindow(display), pidAtom,
                                static_cast<unsigned long>(pid))
                   : 0;
}

void sendKey(Display *display, Window window, int type, unsigned int keycode)
{
    XKeyEvent event{};
    event.type = type;
    event.display = display;
    event.window = window;
    event.root = DefaultRootWindow(display);
    event.subwindow = None;
    event.time = CurrentTime;
    event.same_screen = True;
    event.keycode = keycode;
    XSendEvent(display, window, True, type == KeyPress ? KeyPressMask : KeyReleaseMask,
               reinterpret_cast<XEvent *>(&event));
}
} // namespace

bool XWindowKeys::waitForWindow(qint64 pid, int timeoutMs)
{
    Display *display = XOpenDisplay(nullptr);
    if (!display)
        return false;
    const bool found = waitUntil([&] { return windowOf(display, pid) != 0; }, timeoutMs);
    XCloseDisplay(display);
    return found;
}

bool XWindowKeys::pressReturn(qint64 pid, QString *error)
{
    Display *display = XOpenDisplay(nullptr);
    if (!display) {
        *error = QStringLiteral("no X display");
        return false;
    }
    const Window window = windowOf(display, pid);
    if (!window) {
        *error = QStringLiteral("no window of process %1").arg(pid);
        XCloseDisplay(display);
        return false;
    }
    XSetInputFocus(display, window, RevertToParent, CurrentTime);
    XSync(display, False);
    QTest::qWait(100); // the app handles FocusIn and activates the window
    const unsigned int keycode = XKeysymToKeycode(display, XK_Return);
    sendKey(display, window, KeyPress, keycode);
    sendKey(display, window, KeyRelease, keycode);
    XSync(display, False);
    XCloseDisplay(display);
    return true;
}
