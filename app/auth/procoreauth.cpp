#include "procoreauth.h"

#include "accountlock.h"
#include "common/appinfo.h"
#include "common/logging.h"
#include "loopbacklistener.h"
#include "oauthrequest.h"
#include "oauthstate.h"
#include "pkce.h"
#include "redirectreplyhandler.h"
#include "refreshjob.h"
#include "signoutjob.h"
#include "tokenresponse.h"
#include "tokenstore.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QOAuth2AuthorizationCodeFlow>

#include <mutex>
#include <utility>

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
    , m_account(environment.key())
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

    m_proactiveTimer.setSingleShot(true);
    connect(&m_proactiveTimer, &QTimer::timeout, this, [this] {
        if (isSignedIn() && !m_refreshing && !m_signOut) {
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
    connect(m_handler, &RedirectReplyHandler::codeReceived, this, &ProcoreAuth::exchangeCode);
}

ProcoreAuth::~ProcoreAuth()
{
    if (m_refresh)
        m_refresh->abandon();
    if (m_tokenInfo)
        m_tokenInfo->abandon();
    if (m_exchange)
        m_exchange->abandon();
}

void ProcoreAuth::setupFlow()
{
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setClientIdentifier(m_client.clientId);
    m_flow->setClientIdentifierSharedKey(m_client.clientSecret);
    m_flow->setAuthorizationUrl(m_environment.authorizeUrl());
    // Never used to post anything (the exchange is ours), but Qt 6.4's grant() builds no
    // authorize URL without it.
    m_flow->setAccessTokenUrl(m_environment.tokenUrl());
    m_flow->setUserAgent(QString::fromLatin1(AppInfo::userAgent()));
    m_flow->setReplyHandler(m_handler);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt 6.8 adds an S256 challenge of its own by default. Ours (below) is the one whose
    // verifier the exchange sends, so Qt's must stay off: exactly one code_challenge goes out.
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    m_flow->setModifyParametersFunction([this](QAbstractOAuth::Stage stage,
                                               QMultiMap<QString, QVariant> *parameters) {
        switch (stage) {
        case QAbstractOAuth::Stage::RequestingAuthorization:
            parameters->remove(QStringLiteral("scope")); // Procore takes none
            parameters->replace(QStringLiteral("state"), m_attemptState);
            parameters->replace(QStringLiteral("code_challenge"), Pkce::challengeS256(m_verifier));
            parameters->replace(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
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
    if (m_signOut)
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
    const QString user = m_account.lastUser();
    if (user.isEmpty()) {
        qCInfo(lcAuth) << "no saved sign-in for" << m_environment.key();
        return emitLater([this] { emit signInNeeded({}); });
    }
    m_restoring = true;
    updateState();
    storeLoad(user, [this, user](const TokenSet &tokens, const ProcoreError &error) {
        onRestored(user, tokens, error);
    });
}

void ProcoreAuth::onRestored(const QString &user, const TokenSet &tokens, const ProcoreError &error)
{
    const bool underLock = m_restoreLock && m_restoreLock->isLocked();
    if (!underLock && !error && m_account.wasRefreshSent(tokens.refreshToken)) {
        // The marker may be a live refresh of another process: look again under the lock,
        // which that process holds until it has stored the new pair.
        m_restoreLock = new AccountLock(m_environment.key(), 2 * m_requestTimeoutMs + 5000, this);
        connect(m_restoreLock, &AccountLock::finished, this, [this, user](bool locked) {
            if (!locked) {
                m_restoreLock->deleteLater();
                m_restoring = false;
                updateState();
                return emit signInNeeded(ProcoreError(
                    ProcoreError::Kind::Offline,
                    tr("Another Procore Desktop window or command is renewing your sign-in "
                       "and has not finished. Try again in a moment."),
                    QStringLiteral("sign-in lock not taken at restore")));
            }
            storeLoad(user, [this, user](const TokenSet &again, const ProcoreError &e) {
                onRestored(user, again, e);
                m_restoreLock->deleteLater(); // unlocks
            });
        });
        return m_restoreLock->acquire();
    }
    m_restoring = false;
    if (isSignedIn() || m_phase != Phase::None || m_signOut)
        return updateState(); // a sign-in or sign-out overtook the restore
    if (error) {
        if (error.kind == ProcoreError::Kind::Keychain)
            keychainTrouble(error);
        else
            storeRemove(user, [](const ProcoreError &) {}); // damaged entry
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
    if (m_account.wasRefreshSent(tokens.refreshToken)) {
        // An earlier run sent this refresh token and ended before it could store the
        // answer: Procore has spent it, so sending it again would revoke the grant.
        qCWarning(lcAuth) << "the saved refresh token was sent by a run that did not finish";
        storeRemove(user, [this](const ProcoreError &error) {
            if (!error)
                m_account.clearRefreshSent();
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
}

// ---- sign-in -------------------------------------------------------------------------------

void ProcoreAuth::signIn(SignInMode mode)
{
    if (m_signOut) {
        const ProcoreError busy(ProcoreError::Kind::Cancelled,
                                tr("Signing out is still in progress. Try again in a moment."),
                                QStringLiteral("sign-in during sign-out"));
        return emitLater([this, busy] { emit signInFailed(busy); });
    }
    abortSignIn();

    const QString state = OAuthState::generate();
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
            m_listener->listen(loopback, state, &problem);
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

    m_attemptState = state;
    m_verifier = Pkce::generateVerifier();
    m_handler->expectState(m_attemptState);
    m_flow->setState(m_attemptState);
    m_phase = Phase::AwaitingAuthorization;
    updateState();
    qCInfo(lcAuth) << "sign-in started:" << mode;
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
    // A code exchange in flight is left to finish: its answer, tagged with the ended attempt,
    // is dropped and its tokens revoked. Tokens waiting for their owner are revoked now.
    m_exchange = nullptr;
    if (m_tokenInfo) {
        m_tokenInfo->abandon();
        m_tokenInfo->deleteLater();
        revokeQuietly(std::exchange(m_unownedAccessToken, {}));
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
    m_listener->complete(false, error.message);
    abortSignIn();
    emit signInFailed(error);
}

void ProcoreAuth::exchangeCode(const QString &code)
{
    if (m_phase != Phase::AwaitingAuthorization)
        return;
    m_phase = Phase::ExchangingCode;
    updateState();
    const OAuthRequest::Form form{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_client.redirectUri},
        {QStringLiteral("client_id"), m_client.clientId},
        {QStringLiteral("client_secret"), m_client.clientSecret},
        {QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier)},
    };
    const quint64 attempt = m_attempt;
    m_exchange =
        OAuthRequest::postForm(m_network, m_environment.tokenUrl(), form, m_requestTimeoutMs, this);
    connect(m_exchange, &OAuthRequest::finished, this, [this, attempt](OAuthRequest *request) {
        request->deleteLater();
        onCodeExchanged(request, attempt);
    });
}

void ProcoreAuth::onCodeExchanged(OAuthRequest *request, quint64 attempt)
{
    ProcoreError problem = request->error();
    TokenSet tokens;
    if (!problem) {
        const auto result = TokenResponse::parse(request->httpStatus(), request->body(),
                                                 QDateTime::currentDateTimeUtc());
        problem = result.error;
        tokens = result.tokens;
    }
    if (attempt != m_attempt || m_phase != Phase::ExchangingCode) {
        qCInfo(lcAuth) << "code exchange answer of an ended sign-in attempt; dropped";
        return revokeQuietly(tokens.accessToken);
    }
    m_exchange = nullptr;
    if (problem)
        return failSignIn(problem);
    // The token endpoint does not say whose tokens these are; the keychain entry needs it.
    m_tokenInfo = OAuthRequest::getWithBearer(m_network, m_environment.tokenInfoUrl(),
                                              tokens.accessToken, m_requestTimeoutMs, this);
    m_unownedAccessToken = tokens.accessToken;
    connect(m_tokenInfo, &OAuthRequest::finished, this, [this, tokens](OAuthRequest *request) {
        request->deleteLater();
        m_unownedAccessToken.clear();
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
    storeSave(tokens, [this, tokens, attempt](const ProcoreError &error) {
        if (attempt != m_attempt) {
            // Cancelled or signed out while saving: leave nothing behind.
            storeRemove(tokens.userId, [](const ProcoreError &) {});
            return revokeQuietly(tokens.accessToken);
        }
        if (error)
            keychainTrouble(error);
        else
            m_account.clearRefreshSent(); // whatever the keychain held before is replaced
        ++m_attempt;
        m_handler->disarm();
        m_attemptState.clear();
        m_verifier.clear();
        m_phase = Phase::None;
        m_listener->complete(true); // only now may the browser tab say so
        m_account.setLastUser(tokens.userId);
        adoptTokens(tokens);
        updateState();
        qCInfo(lcAuth) << "signed in as user" << tokens.userId;
        emit signedIn();
    });
}
