#include "tokenset.h"

#include "common/utc.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr int kFormat = 1;

ProcoreError badStored(const QString &detail)
{
    return ProcoreError(ProcoreError::Kind::BadData,
                        QCoreApplication::translate("TokenSet",
                                                    "The saved sign-in is damaged. Please sign "
                                                    "in again."),
                        QStringLiteral("stored token set: %1").arg(detail));
}

bool isIntegral(const QJsonValue &value)
{
    return value.isDouble() && value.toInteger(-1) == value.toDouble() && value.toInteger(-1) >= 0;
}

} // namespace

bool TokenSet::isExpired(const QDateTime &nowUtc, qint64 marginSeconds) const
{
    return expiresAt.isValid() && nowUtc.addSecs(marginSeconds) >= expiresAt;
}

QByteArray TokenSet::toJson() const
{
    QJsonObject object{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("access_token"), accessToken},
        {QStringLiteral("refresh_token"), refreshToken},
        {QStringLiteral("user_id"), userId},
    };
    object.insert(QStringLiteral("expires_at"), expiresAt.isValid()
                                                    ? QJsonValue(expiresAt.toSecsSinceEpoch())
                                                    : QJsonValue(QJsonValue::Null));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

TokenSet TokenSet::fromJson(const QByteArray &json, ProcoreError *error)
{
    const auto fail = [error](const char *detail) {
        if (error)
            *error = badStored(QLatin1String(detail));
        return TokenSet();
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail("not a JSON object");
    const QJsonObject object = document.object();

    const QJsonValue format = object.value(QStringLiteral("format"));
    if (!isIntegral(format) || format.toInteger() != kFormat)
        return fail("unknown format");
    const QJsonValue access = object.value(QStringLiteral("access_token"));
    const QJsonValue refresh = object.value(QStringLiteral("refresh_token"));
    const QJsonValue user = object.value(QStringLiteral("user_id"));
    const QJsonValue expires = object.value(QStringLiteral("expires_at"));
    if (!access.isString() || access.toString().isEmpty())
        return fail("access_token missing or not a string");
    if (!refresh.isString())
        return fail("refresh_token missing or not a string");
    if (!user.isString())
        return fail("user_id missing or not a string");
    if (!expires.isNull() && !isIntegral(expires))
        return fail("expires_at neither null nor a non-negative integer");

    TokenSet tokens;
    tokens.accessToken = access.toString();
    tokens.refreshToken = refresh.toString();
    tokens.userId = user.toString();
    if (!expires.isNull())
        tokens.expiresAt = QDateTime::fromSecsSinceEpoch(expires.toInteger(), Utc::zone);
    if (error)
        *error = {};
    return tokens;
}

bool TokenSet::operator==(const TokenSet &other) const
{
    return accessToken == other.accessToken && refreshToken == other.refreshToken &&
           expiresAt == other.expiresAt && userId == other.userId;
}
