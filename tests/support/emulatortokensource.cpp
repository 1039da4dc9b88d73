#include "emulatortokensource.h"

#include "emulatorprocess.h"
#include "emulatorsignin.h"
#include "testhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>

EmulatorTokenSource::EmulatorTokenSource(QObject *parent)
    : TokenSource(parent)
{}

EmulatorTokenSource::~EmulatorTokenSource() = default;

bool EmulatorTokenSource::signIn(const EmulatorProcess &emulator, QString *error)
{
    const EmulatorTokens tokens = EmulatorSignIn::signIn(emulator);
    if (!tokens.ok()) {
        *error = tokens.error;
        return false;
    }
    setTokens(tokens.accessToken, tokens.refreshToken,
              QDateTime::currentDateTimeUtc().addSecs(tokens.expiresIn),
              emulator.loginUrl().resolved(QUrl(QStringLiteral("/oauth/token"))));
    return true;
}

void EmulatorTokenSource::setTokens(const QString &access, const QString &refresh,
                                    const QDateTime &expiresAt, const QUrl &tokenUrl)
{
    m_access = access;
    m_refresh = refresh;
    m_expiresAt = expiresAt;
    if (tokenUrl.isValid())
        m_tokenUrl = tokenUrl;
}

void EmulatorTokenSource::refresh()
{
    if (m_refreshing) {
        ++m_refreshesJoined;
        return;
    }
    m_refreshing = true;
    ++m_refreshesStarted;
    QTimer::singleShot(m_refreshDelayMs, this, &EmulatorTokenSource::postRefresh);
}

void EmulatorTokenSource::postRefresh()
{
    if (m_refresh.isEmpty() || !m_tokenUrl.isValid()) {
        m_refreshing = false;
        emit refreshFailed({ProcoreError::Kind::SignInNeeded, QStringLiteral("sign in"),
                            QStringLiteral("no refresh token")});
        return;
    }
    QNetworkRequest request(m_tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(10000);
    const QByteArray body =
        TestHttp::formBody({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                            {QStringLiteral("client_id"), EmulatorProcess::clientId()},
                            {QStringLiteral("client_secret"), EmulatorProcess::clientSecret()},
                            {QStringLiteral("refresh_token"), m_refresh}});
    // Procore rotates refresh tokens on every call, answered or not: this one is spent once
    // it may have reached the server.
    const QString spent = std::exchange(m_refresh, {});
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, spent] { onRefreshAnswer(reply, spent); });
}

void EmulatorTokenSource::onRefreshAnswer(QNetworkReply *reply, const QString &spent)
{
    reply->deleteLater();
    m_refreshing = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    const QString access = answer.value(QStringLiteral("access_token")).toString();
    if (status == 200 && !access.isEmpty()) {
        m_access = access;
        m_refresh = answer.value(QStringLiteral("refresh_token")).toString();
        m_expiresAt = QDateTime::currentDateTimeUtc().addSecs(
            answer.value(QStringLiteral("expires_in")).toInteger(5400));
        emit tokensRefreshed();
        return;
    }
    const bool neverArrived = reply->error() == QNetworkReply::ConnectionRefusedError ||
                              reply->error() == QNetworkReply::HostNotFoundError;
    if (neverArrived)
        m_refresh = spent;
    else
        m_access.clear();
    emit refreshFailed(
        {neverArrived ? ProcoreError::Kind::Offline : ProcoreError::Kind::SignInNeeded,
         QStringLiteral("Procore asked you to sign in again."),
         QStringLiteral("refresh answered %1: %2")
             .arg(status)
             .arg(answer.value(QStringLiteral("error")).toString())});
}
