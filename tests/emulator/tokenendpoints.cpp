#include "tokenendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"
#include "jsonwriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

static const QString invalidGrantText = QStringLiteral(
    "The provided authorization grant is invalid, expired, revoked, does not match the "
    "redirection URI used in the authorization request, or was issued to another client.");
static const QString invalidClientText = QStringLiteral(
    "Client authentication failed due to unknown client, no client authentication included, or "
    "unsupported authentication method.");

HttpResponse TokenEndpoints::oauthError(int status, const QString &error,
                                        const QString &description)
{
    HttpResponse response = HttpResponse::json(
        status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error},
                                          {QStringLiteral("error_description"), description}}));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    if (status == 401)
        response.setHeader("WWW-Authenticate",
                           "Basic realm=\"Procore\", error=\"" + error.toLatin1() + '"');
    return response;
}

static HttpResponse invalidRequest(const QString &detail)
{
    return TokenEndpoints::oauthError(400, QStringLiteral("invalid_request"), detail);
}

std::optional<HttpResponse> TokenEndpoints::handle(const HttpRequest &request)
{
    const char *allowed = nullptr;
    if (request.path == u"/oauth/token") {
        if (request.method == "POST")
            return token(request);
        allowed = "POST";
    } else if (request.path == u"/oauth/revoke") {
        if (request.method == "POST")
            return revoke(request);
        allowed = "POST";
    } else if (request.path == u"/oauth/token/info") {
        if (request.method == "GET")
            return tokenInfo(request);
        allowed = "GET";
    } else {
        return std::nullopt;
    }
    HttpResponse response =
        oauthError(405, QStringLiteral("invalid_request"), QStringLiteral("Method not allowed."));
    response.setHeader("Allow", allowed);
    return response;
}

const OAuthClient *TokenEndpoints::authenticate(const HttpRequest &request,
                                                const FormEncoding::Items &form) const
{
    QString id = FormEncoding::value(form, QStringLiteral("client_id"));
    QString secret = FormEncoding::value(form, QStringLiteral("client_secret"));
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.left(6).toLower() == "basic ") {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        if (colon < 0)
            return nullptr;
        id = QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(colon)));
        secret = QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(colon + 1)));
    }
    const OAuthClient *client = m_context.config.client(id);
    if (!client || secret.isEmpty() || client->secret != secret)
        return nullptr;
    return client;
}

HttpResponse TokenEndpoints::tokenAnswer(const IssuedTokens &tokens)
{
    // Written by hand to keep Procore's key order.
    QByteArray body;
    JsonWriter json(&body);
    json.beginObject();
    json.key("access_token").string(tokens.accessToken);
    json.key("token_type").string(QStringLiteral("bearer"));
    json.key("expires_in").number(tokens.expiresIn);
    json.key("refresh_token").string(tokens.refreshToken);
    json.key("created_at").number(tokens.createdAt);
    json.endObject();
    HttpResponse response = HttpResponse::rawJson(200, body);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse TokenEndpoints::token(const HttpRequest &request)
{
    const QByteArray type = request.contentType();
    if (!type.isEmpty() && type != "application/x-www-form-urlencoded")
        return invalidRequest(QStringLiteral("The request must be form-encoded "
                                             "(application/x-www-form-urlencoded)."));
    const FormEncoding::Items form = request.form();
    bool hasGrantType = false;
    const QString grantType =
        FormEncoding::value(form, QStringLiteral("grant_type"), &hasGrantType);
    if (!hasGrantType || grantType.isEmpty())
        return invalidRequest(QStringLiteral("Missing required parameter: grant_type."));
    const bool isRefresh = grantType == u"refresh_token";
    if (grantType != u"authorization_code" && !isRefresh)
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          QStringLiteral("The authorization grant type is not supported by the "
                                         "authorization server."));
    if (isRefresh)
        m_context.counters.add(Counters::Event::Refresh);
    const OAuthClient *client = authenticate(request, form);
    HttpResponse response =
        !client     ? oauthError(401, QStringLiteral("invalid_client"), invalidClientText)
        : isRefresh ? refreshGrant(*client, form)
                    : codeGrant(*client, form);
    if (isRefresh && response.status != 200)
        m_context.counters.add(Counters::Event::RefreshFailure);
    return response;
}

static QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

HttpResponse TokenEndpoints::codeGrant(const OAuthClient &client, const FormEncoding::Items &form)
{
    const QString code = FormEncoding::value(form, QStringLiteral("code"));
    if (code.isEmpty())
        return invalidRequest(QStringLiteral("Missing required parameter: code."));
    const QString redirectUri = FormEncoding::value(form, QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty())
        return invalidRequest(QStringLiteral("Missing required parameter: redirect_uri."));
    AuthorizationCode found;
    if (m_context.codes.find(code, client.id, redirectUri, &found) != CodeStore::Lookup::Found)
        return oauthError(400, QStringLiteral("invalid_grant"), invalidGrantText);
    if (!found.codeChallenge.isEmpty()) {
        bool hasVerifier = false;
        const QString verifier =
            FormEncoding::value(form, QStringLiteral("code_verifier"), &hasVerifier);
        if (!hasVerifier || verifier.isEmpty())
            return invalidRequest(QStringLiteral("Missing required parameter: code_verifier."));
        static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
        if (!shape.match(verifier).hasMatch() || s256(verifier) != found.codeChallenge)
            return oauthError(400, QStringLiteral("invalid_grant"), invalidGrantText);
    }
    m_context.codes.markUsed(code);
    const IssuedTokens tokens = m_context.tokens.createGrant(
        found.userId, client.id, m_context.config.expiresIn, m_context.nextAccessLifetimeMs());
    m_context.counters.add(Counters::Event::TokenIssued);
    return tokenAnswer(tokens);
}

HttpResponse TokenEndpoints::refreshGrant(const OAuthClient &client,
                                          const FormEncoding::Items &form)
{
    const QString refreshToken = FormEncoding::value(form, QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return invalidRequest(QStringLiteral("Missing required parameter: refresh_token."));
    IssuedTokens tokens;
    const auto result =
        m_context.tokens.refresh(refreshToken, client.id, m_context.config.expiresIn,
                                 m_context.nextAccessLifetimeMs(), &tokens);
    if (result == TokenRegistry::RefreshResult::Reused)
        m_context.counters.add(Counters::Event::RefreshTokenReuse);
    if (result != TokenRegistry::RefreshResult::Issued)
        return oauthError(400, QStringLiteral("invalid_grant"), invalidGrantText);
    m_context.counters.add(Counters::Event::TokenIssued);
    return tokenAnswer(tokens);
}

HttpResponse TokenEndpoints::revoke(const HttpRequest &request)
{
    const FormEncoding::Items form = request.form();
    const OAuthClient *client = authenticate(request, form);
    if (!client)
        return oauthError(401, QStringLiteral("invalid_client"), invalidClientText);
    // RFC 7009: unknown, already revoked or foreign tokens still get 200.
    m_context.tokens.revoke(FormEncoding::value(form, QStringLiteral("token")), client->id);
    return HttpResponse::rawJson(200, "{}");
}

HttpResponse TokenEndpoints::tokenInfo(const HttpRequest &request)
{
    const TokenRegistry::AccessInfo info = m_context.tokens.inspect(request.bearerToken());
    if (info.state != TokenRegistry::AccessState::Valid) {
        HttpResponse response = HttpResponse::json(
            401,
            QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_token")},
                                      {QStringLiteral("error_description"),
                                       QStringLiteral("The access token is invalid")},
                                      {QStringLiteral("state"), QStringLiteral("unauthorized")}}));
        response.setHeader("WWW-Authenticate", "Bearer realm=\"Procore\", error=\"invalid_token\"");
        return response;
    }
    const qint64 remainingMs = info.expiresAtMs - QDateTime::currentMSecsSinceEpoch();
    const qint64 expiresIn = std::min(remainingMs / 1000, qint64(m_context.config.expiresIn));
    return HttpResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("resource_owner_id"), info.userId},
                                       {QStringLiteral("scopes"), QJsonArray()},
                                       {QStringLiteral("expires_in_seconds"), expiresIn},
                                       {QStringLiteral("application"),
                                        QJsonObject{{QStringLiteral("uid"), info.clientId}}},
                                       {QStringLiteral("created_at"), info.createdAt}}));
}
