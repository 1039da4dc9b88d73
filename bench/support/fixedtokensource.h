#pragma once

#include "common/tokensource.h"

#include <QDateTime>

// A TokenSource with one access token that never needs refreshing within a benchmark; a
// refresh (which would mean the emulator refused the token) fails.
class FixedTokenSource final : public TokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FixedTokenSource)
public:
    explicit FixedTokenSource(const QString &token, QObject *parent = nullptr)
        : TokenSource(parent)
        , m_token(token)
    {}
    QString accessToken() const override { return m_token; }
    QDateTime expiresAt() const override { return QDateTime::currentDateTimeUtc().addDays(1); }
    bool isRefreshing() const override { return false; }
    void refresh() override
    {
        emit refreshFailed(ProcoreError(ProcoreError::Kind::SignInNeeded,
                                        QStringLiteral("benchmark token refused")));
    }

private:
    QString m_token;
};
