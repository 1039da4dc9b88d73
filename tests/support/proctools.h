#pragma once

#include <QByteArray>
#include <QList>

// What /proc says about running processes (Linux only, like the benchmarks).
namespace ProcTools {
// Every process whose parent chain leads to `root`.
QList<qint64> descendants(qint64 root);
// /proc/<pid>/comm, e.g. "QtWebEngineProc" (the kernel cuts it at 15 characters).
QByteArray commandName(qint64 pid);
// A "kB" field of /proc/<pid>/status (VmRSS, VmHWM…) in KiB, or -1.
qint64 statusKiB(qint64 pid, const QByteArray &field);
// Whether /proc/<pid>/maps maps a file whose path contains `needle`.
bool mapsContain(qint64 pid, const QByteArray &needle);
// User plus system CPU time the process has used so far, in seconds, or -1.
double cpuSeconds(qint64 pid);
// The executable's path (/proc/<pid>/exe), or "".
QByteArray executable(qint64 pid);
// Descendants of `root` whose command name starts with `prefix`.
QList<qint64> descendantsNamed(qint64 root, const QByteArray &prefix);
} // namespace ProcTools
