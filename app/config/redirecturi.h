#pragma once

#include <QUrl>

// The one rule for "this navigation is the sign-in answer": the login window catches with it
// and the redirect handler accepts with it, so nothing is caught that is then refused.
class RedirectUri final
{
public:
    RedirectUri() = delete;

    // Same scheme, host and effective port (80/443 when omitted) and the same path, where an
    // empty path is "/" (Chromium turns "http://localhost" into "http://localhost/"). The query
    // carries the answer and a fragment is the browser's own (Facebook sign-ins append "#_=_"),
    // so neither counts; user info ("evil@host") never matches, nor does a relative URL.
    static bool matches(const QUrl &redirectUri, const QUrl &url);
};
