#include "redirectreplyhandler.h"

#include "common/logging.h"
#include "common/redact.h"
#include "oauthrequest.h"
#include "tokenresponse.h"

#include <QNetworkReply>

RedirectReplyHandler::RedirectReplyHandler(const QString &redirectUri, QObject *parent)
    : QAbstractOAuthReplyHandler(parent)
    , m_redirectUri(redirectUri)
    , m_redirectUrl(redirectUri, QUrl::StrictMode)
{}

void RedirectReplyHandler::expectState(const QString &state)
{
    m_expectedState = state;
    m_awaitingToken = false;
}

void RedirectReplyHandler::disarm()
{
    m_expectedState.clear();
    m_awaitingToken = false;
}

bool RedirectReplyHandler::handleRedirect(const QUrl &url)
{
    const auto response = AuthorizationResponse::fromRedirect(m_redirectUrl, url);
    if (response.kind == AuthorizationResponse::Kind::NotRedirect) {
        qCDebug(lcAuth).noquote() << "not our redirect:" << Redact::url(url);
        return false;
    }
    return consume(response);
}

bool RedirectReplyHandler::handlePastedCode(const QString &text)
{
    const auto response = AuthorizationResponse::fromPastedText(text);
    if (response.kind == AuthorizationResponse::Kind::NoCode)
        return false;
    return consume(response);
}

bool RedirectReplyHandler::consume(const AuthorizationResponse &response)
{
    if (!isArmed()) {
        qCInfo(lcAuth) << "authorization answer arrived with no sign-in in progress; ignored";
        return true;
    }
    const ProcoreError problem = response.check(m_expectedState);
    if (problem) {
        qCWarning(lcAuth).noquote()
            << "authorization answer refused:" << ProcoreError::kindName(problem.kind)
            << problem.detail;
        disarm();
        emit authorizationFailed(problem);
        return true;
    }
    // The attempt is used up: a replayed answer must not start a second code exchange.
    const QString state = m_expectedState;
    m_expectedState.clear();
    m_awaitingToken = true;
    // Decoded values: Qt 6.4's flow percent-encodes the code itself when it posts it, and our
    // state is base64url, which no decoding step can change.
    QVariantMap values;
    values.insert(QStringLiteral("code"), response.code);
    values.insert(QStringLiteral("state"), state);
    qCInfo(lcAuth) << "authorization code received; exchanging it";
    emit callbackReceived(values);
    return true;
}

void RedirectReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    if (!m_awaitingToken) {
        qCDebug(lcAuth) << "token answer with no code exchange in progress; ignored";
        return;
    }
    m_awaitingToken = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!OAuthRequest::isAnswer(reply)) {
        const ProcoreError error =
            OAuthRequest::transportError(reply->error(), false, reply->errorString());
        qCWarning(lcAuth).noquote() << "code exchange failed:" << error.detail;
        emit tokenRequestFailed(error);
        return;
    }
    const auto result =
        TokenResponse::parse(status, reply->readAll(), QDateTime::currentDateTimeUtc());
    if (result.error) {
        qCWarning(lcAuth).noquote()
            << "code exchange refused:" << ProcoreError::kindName(result.error.kind)
            << result.error.detail;
        emit tokenRequestFailed(result.error);
        return;
    }
    QVariantMap tokens;
    tokens.insert(QStringLiteral("access_token"), result.tokens.accessToken);
    tokens.insert(QStringLiteral("token_type"), QStringLiteral("bearer"));
    if (!result.tokens.refreshToken.isEmpty())
        tokens.insert(QStringLiteral("refresh_token"), result.tokens.refreshToken);
    if (result.tokens.expiresAt.isValid())
        tokens.insert(QStringLiteral("expires_in"),
                      QDateTime::currentDateTimeUtc().secsTo(result.tokens.expiresAt));
    emit tokenResponseReceived(result.tokens);
    emit tokensReceived(tokens);
}
