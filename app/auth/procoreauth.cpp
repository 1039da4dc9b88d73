#include "procoreauth.h"

#include "common/appinfo.h"
#include "common/logging.h"
#include "loopbacklistener.h"
#include "oauthrequest.h"
#include "oauthstate.h"
#include "pkce.h"
#include "redirectreplyhandler.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QOAuth2AuthorizationCodeFlow>

#include <mutex>

namespace {

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// Qt 6.4's flow logs the whole authorize URL (state, PKCE challenge) at debug level. Keep
// qt.networkauth's debug output off whatever the logging rules say; warnings still show.
void quietNetworkAuthDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.networkauth", 14) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

ProcoreAuth::ProcoreAuth(const Environment &environment, const ClientConfig &client,
                         TokenStore *store, QNetworkAccessManager *network, QObject *parent)
    : TokenSource(parent)
    , m_environment(environment)
    , m_client(client)
    , m_store(store)
    , m_network(network)
{
    qRegisterMetaType<ProcoreError>();
    qRegisterMetaType<TokenSet>();
    qRegisterMetaType<ProcoreAuth::State>();
    static std::once_flag filterInstalled;
    std::call_once(filterInstalled, [] {
        g_previousFilter = QLoggingCategory::installFilter(quietNetworkAuthDebug);
    });

    m_handler = new RedirectReplyHandler(client.redirectUri, this);
    m_listener = new LoopbackListener(this);
    setupFlow();

    m_codeTimer.setSingleShot(true);
    connect(&m_codeTimer, &QTimer::timeout, this, [this] {
        failSignIn(OAuthRequest::transportError(QNetworkReply::OperationCanceledError, true,
                                                QStringLiteral("code exchange timed out")));
    });
    m_proactiveTimer.setSingleShot(true);
    connect(&m_proactiveTimer, &QTimer::timeout, this, [this] {
        if (isSignedIn() && !m_refreshing && !m_signOutPending) {
            qCInfo(lcAuth) << "access token expires soon; refreshing ahead of time";
            refresh();
        }
    });

    connect(m_listener, &LoopbackListener::redirectReceived, m_handler,
            &RedirectReplyHandler::handleRedirect);
    connect(m_handler, &RedirectReplyHandler::authorizationFailed, this,
            [this](const ProcoreError &error) {
                if (m_phase == Phase::AwaitingAuthorization)
                    failSignIn(error);
            });
    connect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &ProcoreAuth::onCallbackAccepted);
    connect(m_handler, &RedirectReplyHandler::tokenResponseReceived, this,
            &ProcoreAuth::onCodeExchanged);
    connect(m_handler, &RedirectReplyHandler::tokenRequestFailed, this,
            [this](const ProcoreError &error) {
                if (m_phase == Phase::ExchangingCode)
                    failSignIn(error);
            });

    if (m_store) {
        connect(m_store, &TokenStore::loadFinished, this,
                [this](int id, const TokenSet &tokens, const ProcoreError &error) {
                    if (auto done = m_loadCallbacks.take(id))
                        done(tokens, error);
                });
        const auto finished = [this](int id, const ProcoreError &error) {
            if (auto done = m_storeCallbacks.take(id))
                done(error);
        };
        connect(m_store, &TokenStore::saveFinished, this, finished);
        connect(m_store, &TokenStore::removeFinished, this, finished);
    }
}

ProcoreAuth::~ProcoreAuth()
{
    if (m_refresh)
        m_refresh->abandon();
    if (m_tokenInfo)
        m_tokenInfo->abandon();
}

void ProcoreAuth::setupFlow()
{
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt 6.8 adds its own S256 PKCE by default. PKCE here is ours (Qt 6.4 has none, and
    // usePkce decides), so Qt's is off: at most one code_challenge and one code_verifier.
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    m_flow->setClientIdentifier(m_client.clientId);
    m_flow->setClientIdentifierSharedKey(m_client.clientSecret);
    m_flow->setAuthorizationUrl(m_environment.authorizeUrl());
    m_flow->setAccessTokenUrl(m_environment.tokenUrl());
    m_flow->setUserAgent(QString::fromLatin1(AppInfo::userAgent()));
    m_flow->setReplyHandler(m_handler);
    m_flow->setModifyParametersFunction(
        [this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            switch (stage) {
            case QAbstractOAuth::Stage::RequestingAuthorization:
                parameters->remove(QStringLiteral("scope")); // Procore takes none
                parameters->replace(QStringLiteral("state"), m_attemptState);
                if (!m_verifier.isEmpty()) {
                    parameters->replace(QStringLiteral("code_challenge"),
                                        Pkce::challengeS256(m_verifier));
                    parameters->replace(QStringLiteral("code_challenge_method"),
                                        QStringLiteral("S256"));
                }
                break;
            case QAbstractOAuth::Stage::RequestingAccessToken:
                if (!m_verifier.isEmpty())
                    parameters->replace(QStringLiteral("code_verifier"), m_verifier);
                // Qt 6.4 puts the secret into the body unencoded ("+" would arrive as a space);
                // the other values it encodes itself.
                parameters->remove(QStringLiteral("client_secret"));
                if (!m_client.clientSecret.isEmpty())
                    parameters->insert(QStringLiteral("client_secret"),
                                       QUrl::toPercentEncoding(m_client.clientSecret));
                break;
            default:
                break;
            }
        });
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this,
            &ProcoreAuth::authorizationUrlReady);
}

quint16 ProcoreAuth::loopbackPort() const
{
    return m_listener->port();
}

void ProcoreAuth::setProactiveRefresh(bool enabled)
{
    m_proactive = enabled;
    scheduleProactiveRefresh();
}

void ProcoreAuth::updateState()
{
    State state = State::SignedOut;
    if (m_signOutPending)
        state = State::SigningOut;
    else if (m_phase == Phase::AwaitingAuthorization)
        state = State::AwaitingAuthorization;
    else if (m_phase == Phase::ExchangingCode)
        state = State::ExchangingCode;
    else if (m_restoring)
        state = State::Restoring;
    else if (m_refreshing)
        state = State::Refreshing;
    else if (isSignedIn())
        state = State::SignedIn;
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcAuth) << "state:" << state;
    emit stateChanged(state);
}

void ProcoreAuth::emitLater(std::function<void()> emitter)
{
    QTimer::singleShot(0, this, std::move(emitter));
}

// ---- restore -------------------------------------------------------------------------------

void ProcoreAuth::restore()
{
    if (m_restoring)
        return;
    if (isSignedIn())
        return emitLater([this] { emit signedIn(); });
    const QString user = lastUser();
    if (user.isEmpty()) {
        qCInfo(lcAuth) << "no saved sign-in for" << m_environment.key();
        return emitLater([this] { emit signInNeeded({}); });
    }
    m_restoring = true;
    updateState();
    storeLoad(entryKey(user), [this, user](const TokenSet &tokens, const ProcoreError &error) {
        m_restoring = false;
        if (isSignedIn() || m_phase != Phase::None || m_signOutPending)
            return updateState(); // a sign-in or sign-out overtook the restore
        if (error) {
            if (error.kind == ProcoreError::Kind::Keychain)
                keychainTrouble(error);
            else
                storeRemove(entryKey(user), [](const ProcoreError &) {}); // damaged entry
            updateState();
            emit signInNeeded(error);
            return;
        }
        if (tokens.isEmpty() || tokens.userId != user) {
            updateState();
            emit signInNeeded(
                ProcoreError(ProcoreError::Kind::SignInNeeded,
                             tr("Your saved Procore sign-in was not found. Please sign in again."),
                             QStringLiteral("no keychain entry for the last user")));
            return;
        }
        if (wasRefreshSent(tokens.refreshToken)) {
            // An earlier run sent this refresh token and ended before it could store the
            // answer: Procore has spent it, so sending it again would revoke the grant.
            qCWarning(lcAuth) << "the saved refresh token was sent by a run that did not finish";
            storeRemove(entryKey(user), [this](const ProcoreError &error) {
                if (!error)
                    clearRefreshSent();
            });
            updateState();
            emit signInNeeded(ProcoreError(
                ProcoreError::Kind::SignInNeeded,
                tr("The app was closed while your Procore sign-in was being renewed, and Procore "
                   "accepts each renewal only once. Please sign in again."),
                QStringLiteral("saved refresh token already sent")));
            return;
        }
        qCInfo(lcAuth) << "restored the sign-in of user" << user;
        adoptTokens(tokens);
        updateState();
        emit signedIn();
    });
}

// ---- sign-in -------------------------------------------------------------------------------

void ProcoreAuth::signIn(SignInMode mode)
{
    if (m_signOutPending) {
        const ProcoreError busy(ProcoreError::Kind::Cancelled,
                                tr("Signing out is still in progress. Try again in a moment."),
                                QStringLiteral("sign-in during sign-out"));
        return emitLater([this, busy] { emit signInFailed(busy); });
    }
    abortSignIn();

    ProcoreError problem = m_client.validate();
    if (!problem && mode == SignInMode::SystemBrowser) {
        const QUrl loopback = m_client.loopbackRedirect();
        if (!loopback.isValid())
            problem = ProcoreError(ProcoreError::Kind::Config,
                                   tr("Signing in with the system browser needs a redirect URI "
                                      "on this computer, such as http://127.0.0.1:8765/callback. "
                                      "Sign in inside the app instead, or change the redirect "
                                      "URI."),
                                   QStringLiteral("system browser without loopback redirect"));
        else
            m_listener->listen(loopback, &problem);
    }
    if (!problem && mode == SignInMode::OutOfBand && !m_client.isOutOfBand())
        problem = ProcoreError(ProcoreError::Kind::Config,
                               tr("Pasting a code needs the redirect URI %1.")
                                   .arg(ClientConfig::outOfBandRedirectUri()),
                               QStringLiteral("out-of-band mode without the oob redirect"));
    if (problem) {
        qCWarning(lcAuth).noquote() << "sign-in cannot start:" << problem.detail;
        return emitLater([this, problem] { emit signInFailed(problem); });
    }

    m_attemptState = OAuthState::generate();
    m_verifier = m_client.usePkce ? Pkce::generateVerifier() : QByteArray();
    m_handler->expectState(m_attemptState);
    m_flow->setState(m_attemptState);
    m_phase = Phase::AwaitingAuthorization;
    updateState();
    qCInfo(lcAuth) << "sign-in started:" << mode << (m_client.usePkce ? "with PKCE" : "");
    m_flow->grant(); // emits authorizeWithBrowser -> authorizationUrlReady
}

void ProcoreAuth::cancelSignIn()
{
    if (m_phase == Phase::None)
        return;
    failSignIn(ProcoreError(ProcoreError::Kind::Cancelled, tr("Sign-in cancelled."),
                            QStringLiteral("cancelled by the caller")));
}

void ProcoreAuth::abortSignIn()
{
    ++m_attempt;
    m_handler->disarm();
    m_listener->stop();
    m_codeTimer.stop();
    if (m_tokenInfo) {
        m_tokenInfo->abandon();
        m_tokenInfo->deleteLater();
    }
    m_attemptState.clear();
    m_verifier.clear();
    m_phase = Phase::None;
    updateState();
}

void ProcoreAuth::failSignIn(const ProcoreError &error)
{
    qCWarning(lcAuth).noquote() << "sign-in failed:" << ProcoreError::kindName(error.kind)
                                << error.detail;
    abortSignIn();
    emit signInFailed(error);
}

void ProcoreAuth::onCallbackAccepted()
{
    if (m_phase != Phase::AwaitingAuthorization)
        return;
    m_listener->stop();
    m_phase = Phase::ExchangingCode;
    m_codeTimer.start(m_requestTimeoutMs);
    updateState();
}

void ProcoreAuth::onCodeExchanged(const TokenSet &tokens)
{
    if (m_phase != Phase::ExchangingCode)
        return revokeQuietly(tokens.accessToken);
    m_codeTimer.stop();
    // The token endpoint does not say whose tokens these are; the keychain entry needs it.
    m_tokenInfo = OAuthRequest::getWithBearer(m_network, m_environment.tokenInfoUrl(),
                                              tokens.accessToken, m_requestTimeoutMs, this);
    connect(m_tokenInfo, &OAuthRequest::finished, this, [this, tokens](OAuthRequest *request) {
        request->deleteLater();
        onTokenInfo(request, tokens);
    });
}

void ProcoreAuth::onTokenInfo(OAuthRequest *request, TokenSet tokens)
{
    ProcoreError problem = request->error();
    if (!problem && request->httpStatus() != 200)
        problem =
            request->httpStatus() >= 500
                ? TokenResponse::errorFor({}, {}, request->httpStatus())
                : ProcoreError(ProcoreError::Kind::BadData,
                               tr("Procore did not confirm who signed in. Please try "
                                  "again."),
                               QStringLiteral("token info: HTTP %1").arg(request->httpStatus()),
                               request->httpStatus());
    if (!problem)
        tokens.userId = TokenResponse::parseResourceOwnerId(request->body(), &problem);
    if (problem) {
        revokeQuietly(tokens.accessToken);
        return failSignIn(problem);
    }
    const quint64 attempt = m_attempt;
    const QString key = entryKey(tokens.userId);
    storeSave(key, tokens, [this, tokens, attempt, key](const ProcoreError &error) {
        if (attempt != m_attempt) {
            // Cancelled or signed out while saving: leave nothing behind.
            storeRemove(key, [](const ProcoreError &) {});
            return revokeQuietly(tokens.accessToken);
        }
        if (error)
            keychainTrouble(error);
        else
            clearRefreshSent(); // whatever the keychain held before is replaced
        ++m_attempt;
        m_handler->disarm();
        m_attemptState.clear();
        m_verifier.clear();
        m_phase = Phase::None;
        setLastUser(tokens.userId);
        adoptTokens(tokens);
        updateState();
        qCInfo(lcAuth) << "signed in as user" << tokens.userId;
        emit signedIn();
    });
}
