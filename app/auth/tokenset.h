#pragma once

#include "common/procoreerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

// One user's grant in one environment: the pair Procore rotates together, when the access
// token stops working, and whose it is. Stored as one keychain value so a rotation is one write.
struct TokenSet
{
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt; // UTC; invalid when Procore did not say
    QString userId;      // Procore's resource_owner_id (a 64-bit integer, kept as text)

    bool isEmpty() const { return accessToken.isEmpty(); }
    bool isExpired(const QDateTime &nowUtc, qint64 marginSeconds = 0) const;

    // Compact JSON: {"format":1,"access_token":…,"refresh_token":…,"expires_at":<unix s>|null,
    // "user_id":…}.
    QByteArray toJson() const;
    // Strict: every field present with the right type, or a BadData error and an empty set.
    static TokenSet fromJson(const QByteArray &json, ProcoreError *error);

    bool operator==(const TokenSet &other) const;
    bool operator!=(const TokenSet &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(TokenSet)
