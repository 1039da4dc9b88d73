#pragma once

#include "common/tokensource.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

class EmulatorProcess;
class QNetworkReply;

// Test scaffolding standing in for ProcoreAuth: signs in through the emulator's pages and
// refreshes with the refresh grant against its /oauth/token, keeping the TokenSource contract
// (one refresh at a time; a refresh whose answer was lost means sign-in needed, and the spent
// refresh token is never sent again). Without an emulator, setTokens() gives it fixed tokens.
class EmulatorTokenSource final : public TokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmulatorTokenSource)
public:
    explicit EmulatorTokenSource(QObject *parent = nullptr);
    ~EmulatorTokenSource() override;

    // BrowserFlow through login and Allow, then the code exchange. Blocking.
    bool signIn(const EmulatorProcess &emulator, QString *error);
    void setTokens(const QString &access, const QString &refresh, const QDateTime &expiresAt,
                   const QUrl &tokenUrl = {});
    void setExpiresAt(const QDateTime &expiresAt) { m_expiresAt = expiresAt; }
    // Delay before the refresh POST goes out, so tests can pile requests up behind it.
    void setRefreshDelayMs(int ms) { m_refreshDelayMs = ms; }

    QString accessToken() const override { return m_access; }
    QDateTime expiresAt() const override { return m_expiresAt; }
    bool isRefreshing() const override { return m_refreshing; }
    void refresh() override;

    int refreshesStarted() const { return m_refreshesStarted; }
    int refreshesJoined() const { return m_refreshesJoined; }
    QString refreshToken() const { return m_refresh; }

private:
    void postRefresh();
    void onRefreshAnswer(QNetworkReply *reply, const QString &spent);

    QNetworkAccessManager m_network;
    QUrl m_tokenUrl;
    QString m_access;
    QString m_refresh;
    QDateTime m_expiresAt;
    int m_refreshDelayMs = 0;
    int m_refreshesStarted = 0;
    int m_refreshesJoined = 0;
    bool m_refreshing = false;
};
