#pragma once

#include "authorizationresponse.h"
#include "common/procoreerror.h"
#include "tokenset.h"

#include <QAbstractOAuthReplyHandler>
#include <QUrl>

// Takes Procore's answer from whoever catches it — the embedded web view, the loopback
// listener, or a code the user pasted — checks it against the attempt it belongs to, and only
// then hands the code on (codeReceived). It never emits callbackReceived: the flow builds the
// authorize URL only, and the code goes to the token endpoint through OAuthRequest, the one
// hardened token request (no redirects followed, size cap, timeout, abortable).
class RedirectReplyHandler final : public QAbstractOAuthReplyHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedirectReplyHandler)
public:
    explicit RedirectReplyHandler(const QString &redirectUri, QObject *parent = nullptr);

    QString callback() const override { return m_redirectUri; }
    QUrl redirectUrl() const { return m_redirectUrl; }

    // Arms the handler for one sign-in attempt; answers carrying another state are refused.
    void expectState(const QString &state);
    // Forgets the attempt: later answers are ignored until expectState() is called again.
    void disarm();
    bool isArmed() const { return !m_expectedState.isEmpty(); }

public slots:
    // Returns false (and does nothing) when `url` is not the configured redirect URI, so a web
    // view can pass every navigation through it. Otherwise the answer is consumed: either
    // codeReceived() or authorizationFailed() follows.
    bool handleRedirect(const QUrl &url);
    // For urn:ietf:wg:oauth:2.0:oob: a bare code or a pasted URL. False when nothing usable.
    bool handlePastedCode(const QString &text);
    // The flow never requests tokens (see above); a reply reaching here is ignored.
    void networkReplyFinished(QNetworkReply *reply) override;

signals:
    // The attempt's code, decoded; the attempt is used up.
    void codeReceived(const QString &code);
    void authorizationFailed(const ProcoreError &error);

private:
    bool consume(const AuthorizationResponse &response);

    QString m_redirectUri;
    QUrl m_redirectUrl;
    QString m_expectedState;
};
