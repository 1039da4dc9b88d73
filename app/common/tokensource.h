#pragma once

#include "procoreerror.h"

#include <QDateTime>
#include <QObject>
#include <QString>

// What the API client needs from whoever owns the tokens (ProcoreAuth in the app, small
// stand-ins in tests). The API client never sees a refresh token and never stores anything.
class TokenSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // An access token this close to its expiry is refreshed first: ahead of time on its
    // owner's timer, and by the API client before a request would carry it.
    static constexpr int RefreshMarginSeconds = 60;

    // The current access token; empty when signed out.
    virtual QString accessToken() const = 0;
    // When the access token stops working, in UTC; invalid when unknown.
    virtual QDateTime expiresAt() const = 0;
    virtual bool isRefreshing() const = 0;
    // Starts a refresh unless one is already in flight (then it joins that one). Always ends
    // with exactly one of tokensRefreshed() or refreshFailed() per refresh actually run. The
    // new pair is stored before tokensRefreshed() is emitted.
    virtual void refresh() = 0;

signals:
    void tokensRefreshed();
    // kind SignInNeeded: the grant is gone (invalid_grant, revoked, answer lost after the
    // refresh token was sent). kind Offline: the refresh never reached the server, the old
    // refresh token is still good and a later refresh may succeed.
    void refreshFailed(const ProcoreError &error);
};
