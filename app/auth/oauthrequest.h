#pragma once

#include "common/procoreerror.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
struct ClientConfig;

// One request to Procore's login host (refresh, token info, revoke) with its own timeout,
// finishing with exactly one finished(). It tells apart an answer, a request that provably never
// left this computer (connection refused, host not found, TLS failure, or a timeout before any
// of the body was written) and one that may have reached the server but whose answer was lost —
// the difference decides whether a single-use refresh token is spent.
class OAuthRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuthRequest)
public:
    enum class Outcome { Answered, NeverSent, Lost };

    using Form = QList<QPair<QString, QString>>;
    // Procore's token answers are a few hundred bytes; a larger one is cut off while it
    // arrives and counts as an answer with an empty body (a spent refresh token stays spent).
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;

    // application/x-www-form-urlencoded, every value percent-encoded.
    static OAuthRequest *postForm(QNetworkAccessManager *network, const QUrl &url, const Form &form,
                                  int timeoutMs, QObject *parent);
    static QByteArray encodeForm(const Form &form);
    static OAuthRequest *getWithBearer(QNetworkAccessManager *network, const QUrl &url,
                                       const QString &accessToken, int timeoutMs, QObject *parent);
    // RFC 7009: revokes `token` (access or refresh) at `revokeUrl` for `client`.
    static OAuthRequest *revoke(QNetworkAccessManager *network, const QUrl &revokeUrl,
                                const ClientConfig &client, const QString &token, int timeoutMs,
                                QObject *parent);
    ~OAuthRequest() override;

    // Gives up without emitting finished().
    void abandon();

    Outcome outcome() const { return m_outcome; }
    int httpStatus() const { return m_status; }
    QByteArray body() const { return m_body; }
    // Offline or Timeout for NeverSent / Lost; None for Answered.
    ProcoreError error() const { return m_error; }

    // A transport failure as NetworkErrors maps it for the sign-in service (Offline, Timeout,
    // ProxyAuth), with the error's number in the detail.
    static ProcoreError transportError(QNetworkReply::NetworkError error, bool timedOut,
                                       const QString &detail);
    static bool provablyNotSent(QNetworkReply::NetworkError error);
    // A complete HTTP answer (any status), as opposed to a transport failure.
    static bool isAnswer(const QNetworkReply *reply);

signals:
    void finished(OAuthRequest *request);

private:
    OAuthRequest(QNetworkReply *reply, int timeoutMs, QObject *parent);
    void onFinished();
    void onTimeout();

    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    bool m_timedOut = false;
    bool m_bodyWritten = false;
    bool m_tooLarge = false;
    Outcome m_outcome = Outcome::Lost;
    int m_status = 0;
    QByteArray m_body;
    ProcoreError m_error;
};
