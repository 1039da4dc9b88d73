#include "loginrequestinterceptor.h"

#include "common/logging.h"
#include "common/redact.h"

LoginRequestInterceptor::LoginRequestInterceptor(QObject *parent)
    : QWebEngineUrlRequestInterceptor(parent)
{}

void LoginRequestInterceptor::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    // Qt 6 runs interceptors on the UI thread, so emitting from here is safe.
    if (!m_policy.isRedirect(info.requestUrl()))
        return;
    info.block(true);
    qCWarning(lcUi) << "blocked a request to the redirect URI, resource type" << info.resourceType()
                    << Redact::url(info.requestUrl());
    if (info.resourceType() == QWebEngineUrlRequestInfo::ResourceTypeMainFrame)
        emit mainFrameRedirectBlocked(info.requestUrl());
}
