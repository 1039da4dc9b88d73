#include "procoreerror.h"

QString ProcoreError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Offline:
        return QStringLiteral("offline");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::ProxyAuth:
        return QStringLiteral("proxy-auth");
    case Kind::SignInNeeded:
        return QStringLiteral("sign-in-needed");
    case Kind::AccessDeclined:
        return QStringLiteral("access-declined");
    case Kind::StateMismatch:
        return QStringLiteral("state-mismatch");
    case Kind::InvalidClient:
        return QStringLiteral("invalid-client");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::BadData:
        return QStringLiteral("bad-data");
    case Kind::Keychain:
        return QStringLiteral("keychain");
    case Kind::Config:
        return QStringLiteral("config");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}
