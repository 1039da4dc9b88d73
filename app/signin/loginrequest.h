#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

// What the main process asks the login helper to do: one JSON line on the helper's stdin.
// The authorize URL carries the state and the PKCE challenge, so it never goes on argv
// (other local users can read argv).
struct LoginRequest
{
    QUrl authorizeUrl;        // the login server's /oauth/authorize?… URL
    QUrl redirectUri;         // caught before it loads; never requested
    QStringList allowedHosts; // extra "host" or "host:port" entries the login pages need
    QString profileDir;       // absolute; empty means an off-the-record profile
    QString environmentLabel; // e.g. "Sandbox"; empty for production
    QString language;         // the main window's (Translations), so both windows match

    static constexpr int maxLineSize = 32 * 1024;
    static constexpr int maxUrlSize = 8 * 1024;
    static constexpr int maxAllowedHosts = 32;
    static constexpr int maxLabelSize = 64;

    // Empty when the request is one the helper may act on, else why not (English, technical).
    QString validate() const;
    QByteArray toJsonLine() const; // compact JSON plus '\n'
    // Parses and validates one line (with or without its '\n'); on failure returns an empty
    // request and sets *error.
    static LoginRequest fromJsonLine(const QByteArray &line, QString *error);
};
