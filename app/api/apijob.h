#pragma once

#include "common/procoreerror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class ApiClient;

// One GET to Procore's API, with everything that can happen before it has an answer: waiting
// for a token refresh, one retry after a 401, waits for 429/503, back-off on 5xx and dropped
// connections, redirects within the API host. Emits `finished` exactly once (also when
// cancelled) and deletes itself afterwards.
class ApiJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)
public:
    ~ApiJob() override;

    QUrl url() const { return m_url; }
    qint64 companyId() const { return m_companyId; }
    bool isFinished() const { return m_finished; }
    ProcoreError error() const { return m_error; }
    // Of the last answer; 0 when none arrived.
    int httpStatus() const { return m_status; }
    // The body of a successful answer.
    QByteArray body() const { return m_body; }
    QByteArray rawHeader(const QByteArray &name) const;
    // Requests actually sent (retries included).
    int attempts() const { return m_attempts; }

    // Aborts what is in flight; emits finished(Cancelled) unless already finished.
    void cancel();

signals:
    void finished(const ProcoreError &error);

protected:
    ApiJob(ApiClient *client, const QUrl &url, qint64 companyId, const QString &companyName);
    // A successful answer's body; an error (BadData) fails the job. The default accepts any.
    virtual ProcoreError parseBody(const QByteArray &body);
    // After a successful parseBody(): another URL on the API host to fetch before finishing
    // (the next page), or an invalid URL to finish.
    virtual QUrl nextUrl() const { return {}; }
    // A redirect off the API host normally fails the job (the token stays home). A job that
    // wants the target itself, without following it, takes it here and finishes successfully.
    virtual bool takeForeignRedirect(const QUrl &) { return false; }
    ApiClient *client() const { return m_client; }
    void finish(const ProcoreError &error);

private:
    friend class ApiClient;
    friend class ProjectsJob; // starts its page requests at once, see ProjectsJob::request()

    void start();
    void send();
    void failWithoutSending(const ProcoreError &error);
    void onReplyFinished();
    void handleNoAnswer(QNetworkReply::NetworkError error, const QString &detail);
    void handleRedirect(QNetworkReply *reply, const QString &detail);
    void handleWait(int status, QNetworkReply *reply, const QString &detail);
    void handleUnauthorized(const QString &detail);
    void refreshAndRetry();
    // Asks /me with the current token, without refreshing: is the token or the company refused?
    void checkToken(const QString &detail);
    bool retryWithBackoff(const QString &why);
    void retryIn(qint64 ms);
    void resend();

    ApiClient *m_client;
    QUrl m_url;
    qint64 m_companyId;
    QString m_companyName;
    QNetworkReply *m_reply = nullptr;
    QPointer<ApiJob> m_tokenCheck;
    QTimer m_retryTimer;
    QElapsedTimer m_clock;
    QString m_usedToken;
    QByteArray m_body;
    QList<QNetworkReply::RawHeaderPair> m_headers;
    ProcoreError m_error;
    int m_status = 0;
    int m_attempts = 0;
    int m_retries = 0;
    int m_timeoutRetries = 0;
    int m_waits = 0;
    int m_redirects = 0;
    bool m_retriedAfterUnauthorized = false;
    bool m_refreshOn401 = true;  // false for the /me of checkToken()
    bool m_checkedToken = false; // before a refresh, for a company known to lack the app
    bool m_refreshedAhead = false;
    bool m_finished = false;
    bool m_tooLarge = false;
    bool m_waitingOnLimit = false; // a 429 wait the client announced
};
