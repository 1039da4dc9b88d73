#pragma once

#include "common/procoreerror.h"
#include "config/clientconfig.h"
#include "config/environment.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class LoopbackListener;
class OAuthRequest;
class QNetworkAccessManager;
class QOAuth2AuthorizationCodeFlow;
class RedirectReplyHandler;

// One sign-in attempt: its state and S256 PKCE verifier, the authorize URL (built by Qt's
// QOAuth2AuthorizationCodeFlow, which does nothing else), the loopback listener of a browser
// sign-in, the code exchange through OAuthRequest and the token-info lookup of whose tokens
// they are. finished() once: tokens() with their user, or error(). cancel() ends it without
// finished(); an exchange then still on its way is let finish and what it brings is revoked.
class SignInAttempt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInAttempt)
public:
    // `network` and `handler` are not owned and must outlive the attempt.
    SignInAttempt(const Environment &environment, const ClientConfig &client,
                  QNetworkAccessManager *network, RedirectReplyHandler *handler,
                  int requestTimeoutMs, QObject *parent = nullptr);
    ~SignInAttempt() override;

    // Listens on `loopback` when it is valid, then emits authorizationUrlReady(). A Config error
    // when the port cannot be had (and no URL then).
    ProcoreError start(const QUrl &loopback);
    void cancel();
    // Tells a browser tab waiting on the listener how the sign-in ended.
    void complete(bool signedIn, const QString &problem = {});

    bool isExchanging() const { return m_exchanging; }
    quint16 loopbackPort() const;
    TokenSet tokens() const { return m_tokens; }
    ProcoreError error() const { return m_error; }

signals:
    void authorizationUrlReady(const QUrl &url);
    void exchangeStarted();
    void finished(SignInAttempt *attempt);

private:
    void exchange(const QString &code);
    void onExchanged(OAuthRequest *request);
    void onTokenInfo(OAuthRequest *request);
    void fail(const ProcoreError &error);
    void release();
    void revoke(const QString &accessToken);

    Environment m_environment;
    ClientConfig m_client;
    QNetworkAccessManager *m_network;
    QPointer<RedirectReplyHandler> m_handler;
    int m_requestTimeoutMs;
    QOAuth2AuthorizationCodeFlow *m_flow;
    LoopbackListener *m_listener;
    QString m_state;
    QByteArray m_verifier;
    QPointer<OAuthRequest> m_request; // the exchange or the token-info lookup
    bool m_exchanging = false;
    bool m_ended = false;
    TokenSet m_tokens;
    ProcoreError m_error;
};
