#pragma once

#include "signin/loginnavigationpolicy.h"

#include <QWebEngineUrlRequestInterceptor>

// Belt and braces behind LoginPage::acceptNavigationRequest: no request of any kind (main
// frame, sub-frame, image, script, prefetch) ever reaches the redirect URI.
class LoginRequestInterceptor final : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginRequestInterceptor)
public:
    explicit LoginRequestInterceptor(QObject *parent = nullptr);

    void setPolicy(const LoginNavigationPolicy &policy) { m_policy = policy; }
    void interceptRequest(QWebEngineUrlRequestInfo &info) override;

signals:
    // A main-frame request to the redirect URI got past the page's check and was blocked.
    void mainFrameRedirectBlocked(const QUrl &url);

private:
    LoginNavigationPolicy m_policy;
};
