#include "stdinwatcher.h"

#include <QCoreApplication>
#include <QPointer>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#include <thread>
#else
#include <QSocketNotifier>
#include <cerrno>
#include <unistd.h>
#endif

namespace {

// One byte at a time: nothing past the newline may be swallowed into a stdio buffer.
qint64 readSome(char *buffer, qint64 size)
{
#ifdef Q_OS_WIN
    return _read(0, buffer, static_cast<unsigned>(size));
#else
    qint64 n;
    do {
        n = ::read(STDIN_FILENO, buffer, static_cast<size_t>(size));
    } while (n < 0 && errno == EINTR);
    return n;
#endif
}

} // namespace

struct StdinWatcher::Private
{
#ifndef Q_OS_WIN
    QSocketNotifier *notifier = nullptr;
#endif
    bool closedEmitted = false;
};

StdinWatcher::StdinWatcher(QObject *parent)
    : QObject(parent)
    , d(new Private)
{}

StdinWatcher::~StdinWatcher()
{
    delete d;
}

bool StdinWatcher::readLine(int maxSize, QByteArray *line, QString *error)
{
    line->clear();
    char c = 0;
    while (true) {
        const qint64 n = readSome(&c, 1);
        if (n < 0) {
            *error = QStringLiteral("cannot read the request from stdin");
            return false;
        }
        if (n == 0) {
            *error = QStringLiteral("stdin closed before a complete request line");
            return false;
        }
        if (c == '\n')
            return true;
        if (line->size() >= maxSize) {
            *error = QStringLiteral("request is larger than %1 bytes").arg(maxSize);
            return false;
        }
        line->append(c);
    }
}

void StdinWatcher::start()
{
#ifdef Q_OS_WIN
    // Anonymous pipes cannot be waited on; a detached thread blocks in read() instead and
    // is torn down with the process.
    QPointer<StdinWatcher> self(this);
    std::thread([self] {
        char buffer[256];
        while (readSome(buffer, sizeof buffer) > 0) {
        }
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [self] {
                    if (self && !self->d->closedEmitted) {
                        self->d->closedEmitted = true;
                        emit self->closed();
                    }
                },
                Qt::QueuedConnection);
        }
    }).detach();
#else
    d->notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(d->notifier, &QSocketNotifier::activated, this, [this] {
        char buffer[256];
        const qint64 n = readSome(buffer, sizeof buffer);
        if (n > 0)
            return; // nothing else is defined on stdin after the request; ignored
        d->notifier->setEnabled(false);
        if (!d->closedEmitted) {
            d->closedEmitted = true;
            emit closed();
        }
    });
#endif
}
