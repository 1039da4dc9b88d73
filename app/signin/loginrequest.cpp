#include "loginrequest.h"

#include "loginnavigationpolicy.h"

#include "common/translations.h"
#include "config/environment.h"
#include "config/redirecturi.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

QString checkUrl(const QUrl &url, const QString &name)
{
    if (url.isEmpty())
        return QStringLiteral("%1 is missing").arg(name);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("%1 is not an absolute URL").arg(name);
    const QString scheme = url.scheme();
    if (scheme != u"https" && scheme != u"http")
        return QStringLiteral("%1 must be http or https").arg(name);
    if (!url.userInfo().isEmpty() || url.hasFragment())
        return QStringLiteral("%1 must not carry user info or a fragment").arg(name);
    return {};
}

bool readUrl(const QJsonObject &object, const QString &key, QUrl *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (!value.isString()) {
        *error = QStringLiteral("%1 must be a string").arg(key);
        return false;
    }
    const QString text = value.toString();
    if (text.size() > LoginRequest::maxUrlSize) {
        *error = QStringLiteral("%1 is too long").arg(key);
        return false;
    }
    *out = QUrl(text, QUrl::StrictMode);
    return true;
}

bool readOptionalString(const QJsonObject &object, const QString &key, QString *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        *error = QStringLiteral("%1 must be a string").arg(key);
        return false;
    }
    *out = value.toString();
    return true;
}

} // namespace

QString LoginRequest::validate() const
{
    if (QString e = checkUrl(authorizeUrl, QStringLiteral("authorizeUrl")); !e.isEmpty())
        return e;
    if (QString e = checkUrl(redirectUri, QStringLiteral("redirectUri")); !e.isEmpty())
        return e;
    // Plain http would let anyone on the site Wi-Fi read the password; only the local
    // emulator (loopback) may use it.
    if (authorizeUrl.scheme() == u"http" && !Environment::isLoopbackHost(authorizeUrl.host()))
        return QStringLiteral("authorizeUrl must use https unless it is on loopback");
    if (RedirectUri::matches(redirectUri, authorizeUrl))
        return QStringLiteral("authorizeUrl must not be the redirect URI");
    if (allowedHosts.size() > maxAllowedHosts)
        return QStringLiteral("too many allowedHosts");
    for (const QString &host : allowedHosts) {
        if (!LoginNavigationPolicy::isValidHostEntry(host))
            return QStringLiteral("allowedHosts entry is not host or host:port: %1")
                .arg(host.left(80));
    }
    if (!profileDir.isEmpty()) {
        if (profileDir.size() > 4096 || !QDir::isAbsolutePath(profileDir))
            return QStringLiteral("profileDir must be an absolute path");
    }
    if (environmentLabel.size() > maxLabelSize)
        return QStringLiteral("environmentLabel is too long");
    for (const QChar c : environmentLabel) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QStringLiteral("environmentLabel contains control characters");
    }
    if (!language.isEmpty() && !Translations::available().contains(language))
        return QStringLiteral("language is not one the app speaks");
    return {};
}

QByteArray LoginRequest::toJsonLine() const
{
    QJsonObject object{
        {QStringLiteral("authorizeUrl"), authorizeUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("redirectUri"), redirectUri.toString(QUrl::FullyEncoded)},
        {QStringLiteral("allowedHosts"), QJsonArray::fromStringList(allowedHosts)},
        {QStringLiteral("profileDir"), profileDir},
        {QStringLiteral("environmentLabel"), environmentLabel},
        {QStringLiteral("language"), language},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

LoginRequest LoginRequest::fromJsonLine(const QByteArray &line, QString *error)
{
    Q_ASSERT(error);
    error->clear();
    QByteArray text = line;
    if (text.endsWith('\n'))
        text.chop(1);
    if (text.endsWith('\r'))
        text.chop(1);
    if (text.size() > maxLineSize) {
        *error = QStringLiteral("request is larger than %1 bytes").arg(maxLineSize);
        return {};
    }
    if (text.contains('\n')) {
        *error = QStringLiteral("request must be a single line");
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("request is not a JSON object");
        return {};
    }
    const QJsonObject object = document.object();
    static const QStringList known = {
        QStringLiteral("authorizeUrl"),     QStringLiteral("redirectUri"),
        QStringLiteral("allowedHosts"),     QStringLiteral("profileDir"),
        QStringLiteral("environmentLabel"), QStringLiteral("language"),
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = QStringLiteral("unknown key in request: %1").arg(it.key().left(40));
            return {};
        }
    }

    LoginRequest request;
    if (!readUrl(object, QStringLiteral("authorizeUrl"), &request.authorizeUrl, error) ||
        !readUrl(object, QStringLiteral("redirectUri"), &request.redirectUri, error) ||
        !readOptionalString(object, QStringLiteral("profileDir"), &request.profileDir, error) ||
        !readOptionalString(object, QStringLiteral("environmentLabel"), &request.environmentLabel,
                            error) ||
        !readOptionalString(object, QStringLiteral("language"), &request.language, error))
        return {};
    const QJsonValue hosts = object.value(QStringLiteral("allowedHosts"));
    if (!hosts.isUndefined() && !hosts.isNull()) {
        if (!hosts.isArray()) {
            *error = QStringLiteral("allowedHosts must be an array of strings");
            return {};
        }
        const QJsonArray array = hosts.toArray();
        for (const QJsonValue &host : array) {
            if (!host.isString()) {
                *error = QStringLiteral("allowedHosts must be an array of strings");
                return {};
            }
            request.allowedHosts.append(host.toString());
        }
    }
    if (QString why = request.validate(); !why.isEmpty()) {
        *error = why;
        return {};
    }
    return request;
}
