#include "signinattempt.h"

#include "common/appinfo.h"
#include "common/logging.h"
#include "loopbacklistener.h"
#include "oauthrequest.h"
#include "oauthstate.h"
#include "pkce.h"
#include "redirectreplyhandler.h"
#include "tokenresponse.h"

#include <QOAuth2AuthorizationCodeFlow>
#include <QTimer>

SignInAttempt::SignInAttempt(const Environment &environment, const ClientConfig &client,
                             QNetworkAccessManager *network, RedirectReplyHandler *handler,
                             int requestTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_client(client)
    , m_network(network)
    , m_handler(handler)
    , m_requestTimeoutMs(requestTimeoutMs)
    , m_flow(new QOAuth2AuthorizationCodeFlow(network, this))
    , m_listener(new LoopbackListener(this))
    , m_state(OAuthState::generate())
    , m_verifier(Pkce::generateVerifier())
{
    m_flow->setClientIdentifier(m_client.clientId);
    m_flow->setAuthorizationUrl(m_environment.authorizeUrl());
    // Never used to post anything (the exchange is ours), but Qt 6.4's grant() builds no
    // authorize URL without it.
    m_flow->setAccessTokenUrl(m_environment.tokenUrl());
    m_flow->setUserAgent(QString::fromLatin1(AppInfo::userAgent()));
    m_flow->setReplyHandler(handler); // its callback() is the redirect_uri
    m_flow->setState(m_state);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt 6.8 adds an S256 challenge of its own by default. Ours (below) is the one whose
    // verifier the exchange sends, so Qt's must stay off: exactly one code_challenge goes out.
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    m_flow->setModifyParametersFunction(
        [this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
                return;
            parameters->remove(QStringLiteral("scope")); // Procore takes none
            parameters->replace(QStringLiteral("state"), m_state);
            parameters->replace(QStringLiteral("code_challenge"), Pkce::challengeS256(m_verifier));
            parameters->replace(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        });
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this,
            &SignInAttempt::authorizationUrlReady);
    connect(m_listener, &LoopbackListener::redirectReceived, handler,
            &RedirectReplyHandler::handleRedirect);
    connect(handler, &RedirectReplyHandler::codeReceived, this, &SignInAttempt::exchange);
    connect(handler, &RedirectReplyHandler::authorizationFailed, this, &SignInAttempt::fail);
}

SignInAttempt::~SignInAttempt()
{
    if (m_request)
        m_request->abandon();
}

ProcoreError SignInAttempt::start(const QUrl &loopback)
{
    ProcoreError problem;
    if (loopback.isValid() && !m_listener->listen(loopback, m_state, &problem))
        return problem;
    m_handler->expectState(m_state);
    m_flow->grant(); // emits authorizeWithBrowser -> authorizationUrlReady
    return {};
}

quint16 SignInAttempt::loopbackPort() const
{
    return m_listener->port();
}

void SignInAttempt::complete(bool signedIn, const QString &problem)
{
    m_listener->complete(signedIn, problem);
}

void SignInAttempt::release()
{
    m_ended = true;
    if (m_handler) {
        m_handler->disarm();
        disconnect(m_handler, nullptr, this, nullptr);
    }
}

void SignInAttempt::cancel()
{
    if (m_ended)
        return;
    release();
    m_listener->stop();
    if (m_request && !m_exchanging) // a token-info lookup: its tokens are nobody's now
        revoke(m_tokens.accessToken);
    if (m_request && m_exchanging)
        return; // stays until the answer comes (OAuthRequest's timeout), then revokes it
    deleteLater();
}

void SignInAttempt::revoke(const QString &accessToken)
{
    if (accessToken.isEmpty())
        return;
    // Parented to the owner so it outlives this attempt.
    auto *request = OAuthRequest::revoke(m_network, m_environment.revokeUrl(), m_client,
                                         accessToken, 5000, parent());
    connect(request, &OAuthRequest::finished, request, &QObject::deleteLater);
}

void SignInAttempt::fail(const ProcoreError &error)
{
    if (m_ended)
        return;
    release();
    m_error = error;
    m_listener->complete(false, error.message);
    emit finished(this);
}

void SignInAttempt::exchange(const QString &code)
{
    if (m_ended || m_exchanging)
        return;
    m_exchanging = true;
    emit exchangeStarted();
    const OAuthRequest::Form form{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_client.redirectUri},
        {QStringLiteral("client_id"), m_client.clientId},
        {QStringLiteral("client_secret"), m_client.clientSecret},
        {QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier)},
    };
    m_request =
        OAuthRequest::postForm(m_network, m_environment.tokenUrl(), form, m_requestTimeoutMs, this);
    connect(m_request, &OAuthRequest::finished, this, &SignInAttempt::onExchanged);
}

void SignInAttempt::onExchanged(OAuthRequest *request)
{
    request->deleteLater();
    ProcoreError problem = request->error();
    if (!problem) {
        const auto result = TokenResponse::parse(request->httpStatus(), request->body(),
                                                 QDateTime::currentDateTimeUtc());
        problem = result.error;
        m_tokens = result.tokens;
    }
    m_exchanging = false;
    if (m_ended) {
        qCInfo(lcAuth) << "code exchange answer of an ended sign-in attempt; dropped";
        revoke(m_tokens.accessToken);
        return deleteLater();
    }
    if (problem)
        return fail(problem);
    // The token endpoint does not say whose tokens these are; the keychain entry needs it.
    m_request = OAuthRequest::getWithBearer(m_network, m_environment.tokenInfoUrl(),
                                            m_tokens.accessToken, m_requestTimeoutMs, this);
    connect(m_request, &OAuthRequest::finished, this, &SignInAttempt::onTokenInfo);
}

void SignInAttempt::onTokenInfo(OAuthRequest *request)
{
    request->deleteLater();
    ProcoreError problem = request->error();
    const int status = request->httpStatus();
    if (!problem && status != 200)
        problem = status >= 500
                      ? TokenResponse::errorFor({}, {}, status)
                      : ProcoreError(ProcoreError::Kind::BadData,
                                     tr("Procore did not confirm who signed in. Please "
                                        "try again."),
                                     QStringLiteral("token info: HTTP %1").arg(status), status);
    if (!problem)
        m_tokens.userId = TokenResponse::parseResourceOwnerId(request->body(), &problem);
    if (problem) {
        revoke(m_tokens.accessToken);
        return fail(problem);
    }
    release();
    emit finished(this);
}
