#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// What the login helper answers: exactly one JSON line on stdout, then it exits with the
// code that belongs to the event. The launcher checks both agree.
struct LoginReply
{
    enum class Event {
        Redirect,      // {"event":"redirect","url":"…"}   exit 0
        Cancelled,     // {"event":"cancelled"}            exit 1
        SystemBrowser, // {"event":"system-browser"}       exit 2
        Error,         // {"event":"error","message":"…"}  exit 3
    };

    Event event = Event::Error;
    QUrl url;        // Redirect only
    QString message; // Error only: technical, English, no secrets

    static constexpr int maxLineSize = 16 * 1024;

    static LoginReply redirect(const QUrl &url);
    static LoginReply cancelled();
    static LoginReply systemBrowser();
    static LoginReply error(const QString &message);

    int exitCode() const;
    QByteArray toJsonLine() const; // compact JSON plus '\n'
    // Parses one line strictly; on failure sets *error and returns an Error reply.
    static LoginReply fromJsonLine(const QByteArray &line, QString *error);
};
