#pragma once

#include "common/procoreerror.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// The OAuth client this build or deployment is registered as in Procore's Developer Portal.
// The secret of a desktop build is not truly secret (anyone can read it out of the binary or
// a settings file); it is still never printed or logged.
struct ClientConfig
{
    Q_DECLARE_TR_FUNCTIONS(ClientConfig)
public:
    QString clientId;
    QString clientSecret;
    QString redirectUri;

    static QString outOfBandRedirectUri() { return QStringLiteral("urn:ietf:wg:oauth:2.0:oob"); }
    bool isOutOfBand() const { return redirectUri == outOfBandRedirectUri(); }
    // The redirect URI when it is a loopback http:// URL the app can listen on, else invalid.
    QUrl loopbackRedirect() const;

    // A Config error when the client ID is missing or the redirect URI is unusable.
    ProcoreError validate() const;
    // Absolute URL without fragment or user info (plain http only to loopback), or exactly
    // urn:ietf:wg:oauth:2.0:oob.
    static ProcoreError validateRedirectUri(const QString &uri);
};
