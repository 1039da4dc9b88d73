#include "redirectreplyhandler.h"

#include "common/logging.h"
#include "common/redact.h"

#include <QNetworkReply>

RedirectReplyHandler::RedirectReplyHandler(const QString &redirectUri, QObject *parent)
    : QAbstractOAuthReplyHandler(parent)
    , m_redirectUri(redirectUri)
    , m_redirectUrl(redirectUri, QUrl::StrictMode)
{}

void RedirectReplyHandler::expectState(const QString &state)
{
    m_expectedState = state;
}

void RedirectReplyHandler::disarm()
{
    m_expectedState.clear();
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
    m_expectedState.clear();
    qCInfo(lcAuth) << "authorization code received; exchanging it";
    emit codeReceived(response.code);
    return true;
}

void RedirectReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    qCDebug(lcAuth).noquote() << "unexpected reply to the OAuth flow ignored:"
                              << Redact::url(reply->url());
}
