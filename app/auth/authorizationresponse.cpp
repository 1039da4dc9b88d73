#include "authorizationresponse.h"

#include "config/redirecturi.h"
#include "tokenresponse.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

QString queryValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

void readQuery(const QUrlQuery &query, AuthorizationResponse *response)
{
    response->code = queryValue(query, QStringLiteral("code"));
    response->state = queryValue(query, QStringLiteral("state"));
    response->error = queryValue(query, QStringLiteral("error"));
    // Form encoding writes spaces as "+"; descriptions are prose, so decode that too.
    response->errorDescription = queryValue(query, QStringLiteral("error_description"))
                                     .replace(QLatin1Char('+'), QLatin1Char(' '));
    if (!response->error.isEmpty())
        response->kind = AuthorizationResponse::Kind::Error;
    else if (!response->code.isEmpty())
        response->kind = AuthorizationResponse::Kind::Code;
    else
        response->kind = AuthorizationResponse::Kind::NoCode;
}

} // namespace

AuthorizationResponse AuthorizationResponse::fromRedirect(const QUrl &redirectUri, const QUrl &url)
{
    AuthorizationResponse response;
    if (!RedirectUri::matches(redirectUri, url))
        return response;
    readQuery(QUrlQuery(url), &response);
    return response;
}

AuthorizationResponse AuthorizationResponse::fromPastedText(const QString &text)
{
    AuthorizationResponse response;
    response.pasted = true;
    const QString trimmed = text.trimmed();
    static const QRegularExpression bareCode(QStringLiteral("^[A-Za-z0-9._~+/-]{1,1024}={0,2}$"));
    if (bareCode.match(trimmed).hasMatch()) {
        response.kind = Kind::Code;
        response.code = trimmed;
        return response;
    }
    const int question = trimmed.indexOf(QLatin1Char('?'));
    QString query = question >= 0 ? trimmed.mid(question + 1) : trimmed;
    const int hash = query.indexOf(QLatin1Char('#'));
    if (hash >= 0)
        query.truncate(hash);
    if (!query.contains(QLatin1Char('=')) || query.contains(QLatin1Char(' '))) {
        response.kind = Kind::NoCode;
        return response;
    }
    readQuery(QUrlQuery(query), &response);
    return response;
}

ProcoreError AuthorizationResponse::check(const QString &expectedState) const
{
    using Kind = ProcoreError::Kind;
    const ProcoreError mismatch(
        Kind::StateMismatch,
        tr("The sign-in answer did not belong to the sign-in you started, so it was refused "
           "for your safety. Please sign in again."),
        state.isEmpty() ? QStringLiteral("state missing") : QStringLiteral("state differs"));
    const bool stateOk =
        !expectedState.isEmpty() && (state == expectedState || (pasted && state.isEmpty()));

    switch (kind) {
    case AuthorizationResponse::Kind::NotRedirect:
        return notRedirectError();
    case AuthorizationResponse::Kind::NoCode:
        return ProcoreError(Kind::BadData,
                            tr("Procore's sign-in answer contained no authorization code. "
                               "Please sign in again."),
                            QStringLiteral("redirect without code or error"));
    case AuthorizationResponse::Kind::Error:
        // A forged error could only cancel a sign-in; still, answers to other attempts are
        // not ours to report.
        if (!state.isEmpty() && !stateOk)
            return mismatch;
        if (error == QLatin1String("access_denied"))
            return ProcoreError(Kind::AccessDeclined,
                                tr("You declined access, so the app cannot show your Procore "
                                   "projects. Sign in again and choose Allow to continue."),
                                QStringLiteral("error=access_denied"));
        return TokenResponse::errorFor(error, errorDescription, 0);
    case AuthorizationResponse::Kind::Code:
        return stateOk ? ProcoreError() : mismatch;
    }
    return mismatch;
}

ProcoreError AuthorizationResponse::notRedirectError()
{
    return ProcoreError(ProcoreError::Kind::Config,
                        tr("The sign-in answer went to an unexpected address. Check the "
                           "redirect URI configured for the app."),
                        QStringLiteral("redirect URI does not match"));
}
