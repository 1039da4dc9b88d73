#pragma once

#include "formencoding.h"
#include "httpresponse.h"
#include "tokenregistry.h"

#include <optional>

struct EmulatorContext;
struct HttpRequest;
struct OAuthClient;

// The machine side of the login server: POST /oauth/token, POST /oauth/revoke and
// GET /oauth/token/info, answering with RFC 6749 errors as Doorkeeper (Procore) does.
class TokenEndpoints final
{
public:
    explicit TokenEndpoints(EmulatorContext &context)
        : m_context(context)
    {}
    std::optional<HttpResponse> handle(const HttpRequest &request);

    static HttpResponse oauthError(int status, const QString &error, const QString &description);

private:
    HttpResponse token(const HttpRequest &request);
    HttpResponse codeGrant(const OAuthClient &client, const FormEncoding::Items &form);
    HttpResponse refreshGrant(const OAuthClient &client, const FormEncoding::Items &form);
    HttpResponse revoke(const HttpRequest &request);
    HttpResponse tokenInfo(const HttpRequest &request);
    // The client named by HTTP Basic or by client_id/client_secret in the form, if the secret
    // matches; nullptr otherwise.
    const OAuthClient *authenticate(const HttpRequest &request,
                                    const FormEncoding::Items &form) const;
    static HttpResponse tokenAnswer(const IssuedTokens &tokens);

    EmulatorContext &m_context;
};
