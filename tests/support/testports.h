#pragma once

#include <QtGlobal>

// Loopback ports that were free a moment ago, for a server a test starts itself (a helper's
// DevTools endpoint, a loopback listener, a proxy). Another process may take one before it is
// used; every suite that needs one asks here.
namespace TestPorts {
// A free TCP port on 127.0.0.1.
quint16 freePort();
} // namespace TestPorts
