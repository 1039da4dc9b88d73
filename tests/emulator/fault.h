#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// One switched-on fault, as POST /_emulator/faults or --fault describes it.
struct Fault
{
    enum class Kind {
        Latency,
        ServerError,
        Unavailable,
        TooManyRequests,
        Drop,
        Malformed,
        Stall,
        Huge,
        ExpireEarly,
        RevokeAll,
        Redirect
    };
    Kind kind = Kind::Latency;
    int remaining = 1; // answers (or tokens, for expire-early) still to hit; -1 = no end
    int ms = 0;
    bool hasMs = false;
    int status = 500;
    int retryAfter = 1;
    int bytes = 10 * 1024 * 1024; // size of a `huge` answer
    bool chunked = false;         // a `huge` answer without Content-Length, in chunks
    QString pathPrefix = QStringLiteral("/rest/");
    QString location; // where a `redirect` points

    // {"kind":…, "count":N, "ms":N, "status":N, "retryAfter":S, "bytes":N, "chunked":B,
    //  "path":"/rest/", "location":URL}
    static std::optional<Fault> fromJson(const QJsonObject &json, QString *error);
    // KIND[:COUNT][,key=value…] as on the command line, e.g. "503:2,retryAfter=3".
    static std::optional<Fault> fromFlag(const QString &flag, QString *error);
    static QString kindName(Kind kind);
    QJsonObject toJson() const;
};
