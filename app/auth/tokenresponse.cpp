#include "tokenresponse.h"

#include "common/utc.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace TokenResponse {

namespace {

constexpr qint64 kMaxExpiresIn = 10LL * 365 * 24 * 3600;
constexpr qint64 kCreatedAtTolerance = 600;

ProcoreError badData(const QString &detail, int status)
{
    return ProcoreError(
        ProcoreError::Kind::BadData,
        QCoreApplication::translate("TokenResponse",
                                    "Procore's sign-in service sent an answer the app does not "
                                    "understand. Please try again later."),
        QStringLiteral("token response: %1").arg(detail), status);
}

// A JSON number that is a whole number within range; QJsonValue keeps integers exact.
bool readInteger(const QJsonValue &value, qint64 minimum, qint64 maximum, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!(d >= double(minimum) && d <= double(maximum)))
        return false;
    const qint64 i = value.toInteger(minimum - 1);
    if (i < minimum || double(i) != d)
        return false;
    *out = i;
    return true;
}

QDateTime truncatedToSeconds(const QDateTime &utc)
{
    return QDateTime::fromSecsSinceEpoch(utc.toSecsSinceEpoch(), Utc::zone);
}

} // namespace

ProcoreError errorFor(const QString &oauthError, const QString &description, int httpStatus)
{
    const QString detail =
        QStringLiteral("HTTP %1, error=%2 (%3)")
            .arg(httpStatus)
            .arg(oauthError.isEmpty() ? QStringLiteral("-") : oauthError, description.left(200));
    using Kind = ProcoreError::Kind;
    const auto invalidClient = [&] {
        return ProcoreError(Kind::InvalidClient,
                            QCoreApplication::translate(
                                "TokenResponse",
                                "Procore refused this app's sign-in settings (client ID, client "
                                "secret or redirect URI). Check them against the app registered "
                                "in Procore's Developer Portal, or ask your IT department."),
                            detail, httpStatus);
    };
    const auto serverTrouble = [&] {
        return ProcoreError(Kind::ServerError,
                            QCoreApplication::translate(
                                "TokenResponse",
                                "Procore's sign-in service is having trouble. Please try again "
                                "later."),
                            detail, httpStatus);
    };
    if (oauthError == QLatin1String("invalid_grant"))
        return ProcoreError(Kind::SignInNeeded,
                            QCoreApplication::translate(
                                "TokenResponse",
                                "Procore no longer accepts this sign-in (it expired, was used "
                                "already or was revoked). Please sign in again."),
                            detail, httpStatus);
    if (oauthError == QLatin1String("invalid_client") ||
        oauthError == QLatin1String("unauthorized_client") ||
        oauthError == QLatin1String("invalid_request") ||
        oauthError == QLatin1String("unsupported_grant_type") ||
        oauthError == QLatin1String("invalid_scope") ||
        oauthError == QLatin1String("invalid_redirect_uri"))
        return invalidClient();
    if (oauthError == QLatin1String("access_denied"))
        return ProcoreError(
            Kind::AccessDeclined,
            QCoreApplication::translate("TokenResponse",
                                        "You declined access, so the app cannot show your Procore "
                                        "projects. Sign in again and choose Allow to continue."),
            detail, httpStatus);
    if (httpStatus == 429)
        return ProcoreError(Kind::RateLimited,
                            QCoreApplication::translate(
                                "TokenResponse",
                                "Procore is receiving too many requests. Please wait a minute "
                                "and try again."),
                            detail, httpStatus);
    if (httpStatus >= 500)
        return serverTrouble();
    if (oauthError == QLatin1String("temporarily_unavailable") ||
        oauthError == QLatin1String("server_error"))
        return serverTrouble();
    if (httpStatus == 401 || httpStatus == 403)
        return invalidClient();
    return ProcoreError(
        Kind::SignInNeeded,
        QCoreApplication::translate("TokenResponse",
                                    "Procore did not complete the sign-in. Please sign in again."),
        detail, httpStatus);
}

Result parse(int httpStatus, const QByteArray &body, const QDateTime &nowUtc)
{
    Result result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && document.isObject();
    const QJsonObject object = document.object();
    const bool success = httpStatus >= 200 && httpStatus < 300;

    if (isObject && object.contains(QStringLiteral("error"))) {
        const QJsonValue code = object.value(QStringLiteral("error"));
        const QJsonValue description = object.value(QStringLiteral("error_description"));
        result.oauthError = code.isString() ? code.toString() : QString();
        result.error =
            errorFor(result.oauthError, description.isString() ? description.toString() : QString(),
                     httpStatus);
        if (success && result.error.kind == ProcoreError::Kind::SignInNeeded &&
            result.oauthError.isEmpty())
            result.error = badData(QStringLiteral("error member of the wrong type"), httpStatus);
        return result;
    }
    if (!success) {
        result.error = errorFor({}, {}, httpStatus);
        return result;
    }
    if (!isObject) {
        result.error = badData(QStringLiteral("not a JSON object"), httpStatus);
        return result;
    }

    const auto fail = [&](const char *detail) {
        result.error = badData(QLatin1String(detail), httpStatus);
        return result;
    };
    const QJsonValue access = object.value(QStringLiteral("access_token"));
    if (!access.isString() || access.toString().isEmpty())
        return fail("access_token missing or not a non-empty string");
    const QJsonValue type = object.value(QStringLiteral("token_type"));
    if (!type.isUndefined() &&
        (!type.isString() ||
         type.toString().compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0))
        return fail("token_type present but not bearer");
    const QJsonValue refresh = object.value(QStringLiteral("refresh_token"));
    if (!refresh.isUndefined() && (!refresh.isString() || refresh.toString().isEmpty()))
        return fail("refresh_token present but not a non-empty string");
    const QJsonValue expires = object.value(QStringLiteral("expires_in"));
    qint64 expiresIn = -1;
    if (!expires.isUndefined() && !expires.isNull() &&
        !readInteger(expires, 1, kMaxExpiresIn, &expiresIn))
        return fail("expires_in not a positive whole number of seconds");
    const QJsonValue created = object.value(QStringLiteral("created_at"));
    qint64 createdAt = -1;
    if (!created.isUndefined() && !created.isNull() &&
        !readInteger(created, 0, 1LL << 40, &createdAt))
        return fail("created_at not a Unix time in seconds");

    TokenSet tokens;
    tokens.accessToken = access.toString();
    tokens.refreshToken = refresh.toString();
    if (expiresIn > 0) {
        const QDateTime now = truncatedToSeconds(nowUtc.toUTC());
        QDateTime expiry = now.addSecs(expiresIn);
        const qint64 nowSecs = now.toSecsSinceEpoch();
        if (createdAt >= 0 && qAbs(nowSecs - createdAt) <= kCreatedAtTolerance)
            expiry = qMin(expiry, QDateTime::fromSecsSinceEpoch(createdAt + expiresIn, Utc::zone));
        tokens.expiresAt = expiry;
    }
    result.tokens = tokens;
    return result;
}

QString parseResourceOwnerId(const QByteArray &body, ProcoreError *error)
{
    const auto fail = [error](const char *detail) {
        if (error)
            *error = badData(QStringLiteral("token info: %1").arg(QLatin1String(detail)), 200);
        return QString();
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail("not a JSON object");
    const QJsonValue owner = document.object().value(QStringLiteral("resource_owner_id"));
    QString id;
    qint64 number = 0;
    if (readInteger(owner, 1, std::numeric_limits<qint64>::max(), &number)) {
        id = QString::number(number);
    } else if (owner.isString()) {
        bool ok = false;
        const qint64 parsed = owner.toString().toLongLong(&ok);
        if (!ok || parsed <= 0 || QString::number(parsed) != owner.toString())
            return fail("resource_owner_id is not a positive integer");
        id = owner.toString();
    } else {
        return fail("resource_owner_id missing or of the wrong type");
    }
    if (error)
        *error = {};
    return id;
}

} // namespace TokenResponse
