#pragma once

#include "common/procoreerror.h"
#include "tokenset.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Pure parsers for what Procore's login host answers. No I/O, no globals, no clock: `nowUtc` is
// passed in, so the same bytes always give the same result (and a fuzzer can drive them).
namespace TokenResponse {

struct Result
{
    TokenSet tokens;    // userId empty: the token endpoint does not name the user
    ProcoreError error; // when set, tokens is empty
    QString oauthError; // RFC 6749 "error" code when the server sent one, e.g. "invalid_grant"
};

// Answer of POST /oauth/token (code or refresh grant). A 2xx JSON object with a non-empty
// string access_token is a success; every field Procore sends must have its documented type.
// The expiry is created_at + expires_in when created_at is within 10 minutes of `nowUtc`
// (never later than nowUtc + expires_in), else nowUtc + expires_in.
Result parse(int httpStatus, const QByteArray &body, const QDateTime &nowUtc);

// Maps an RFC 6749 error code (and the HTTP status) to a typed error.
ProcoreError errorFor(const QString &oauthError, const QString &description, int httpStatus);

// Answer of GET /oauth/token/info: the resource_owner_id as text (an integer or a string of
// digits in the JSON), or a BadData error.
QString parseResourceOwnerId(const QByteArray &body, ProcoreError *error);

} // namespace TokenResponse
