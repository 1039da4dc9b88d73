// What Procore's login host answers (TokenResponse::parse, parseResourceOwnerId) and what the
// keychain gives back (TokenSet::fromJson), on any bytes. The first byte picks the HTTP status,
// the rest is the body; the clock is fixed so a run is reproducible. Beyond not crashing: a
// success has a non-empty access token and a sane expiry, an error has a message and no
// tokens, and a stored token set survives toJson() -> fromJson().
#include "auth/tokenresponse.h"
#include "auth/tokenset.h"
#include "common/utc.h"
#include "fuzzcheck.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace {
constexpr std::array<int, 16> statuses{200, 200, 200, 201, 204, 302, 400, 400,
                                       401, 403, 404, 429, 500, 502, 503, 0};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const int status = statuses[data[0] % statuses.size()];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString shown = QString::fromUtf8(body.left(300));
    // 2024-05-01T12:00:00Z: created_at values near it take the created_at branch.
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1714564800, Utc::zone);

    const TokenResponse::Result result = TokenResponse::parse(status, body, now);
    if (result.error.isError()) {
        fuzzCheck(result.tokens.isEmpty() && result.tokens.refreshToken.isEmpty(),
                  "a refused answer yields no tokens", shown);
        fuzzCheck(!result.error.message.isEmpty(), "a refused answer has a message", shown);
    } else {
        fuzzCheck(status >= 200 && status < 300, "only a 2xx answer is a success", shown);
        fuzzCheck(!result.tokens.accessToken.isEmpty(), "a success has an access token", shown);
        fuzzCheck(result.tokens.userId.isEmpty(), "the token endpoint does not name the user",
                  shown);
        const QDateTime expiry = result.tokens.expiresAt;
        fuzzCheck(!expiry.isValid() ||
                      (expiry <= now.addSecs(10LL * 365 * 24 * 3600) && expiry > now.addSecs(-601)),
                  "the expiry lies within the allowed window", shown);
        // What the app stores after a sign-in comes back unchanged.
        TokenSet stored = result.tokens;
        stored.userId = QStringLiteral("5368709123");
        ProcoreError error;
        const TokenSet back = TokenSet::fromJson(stored.toJson(), &error);
        fuzzCheck(!error.isError() && back == stored, "TokenSet round trip", shown);
    }

    ProcoreError ownerError;
    const QString owner = TokenResponse::parseResourceOwnerId(body, &ownerError);
    fuzzCheck(owner.isEmpty() == ownerError.isError(), "an owner ID or an error, never both",
              shown);
    if (!owner.isEmpty()) {
        bool ok = false;
        const qint64 id = owner.toLongLong(&ok);
        fuzzCheck(ok && id > 0 && QString::number(id) == owner,
                  "the owner ID is a canonical positive integer", owner);
    }

    ProcoreError storedError;
    const TokenSet tokens = TokenSet::fromJson(body, &storedError);
    fuzzCheck(tokens.isEmpty() == storedError.isError(), "a token set or an error, never both",
              shown);
    if (!tokens.isEmpty()) {
        ProcoreError error;
        const TokenSet again = TokenSet::fromJson(tokens.toJson(), &error);
        fuzzCheck(!error.isError() && again == tokens, "fromJson(toJson()) is the identity", shown);
    }
    return 0;
}
