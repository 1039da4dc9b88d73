#pragma once

#include "formencoding.h"
#include "httpresponse.h"

#include <optional>

struct EmulatorContext;
struct HttpRequest;
struct OAuthClient;
struct LoginSession;

// The browser side of the login server: GET/POST /oauth/authorize, the login form
// (POST /sessions), the out-of-band code page and the home page.
class AuthorizeEndpoints final
{
public:
    explicit AuthorizeEndpoints(EmulatorContext &context)
        : m_context(context)
    {}
    // nullopt when the path is not one of these endpoints.
    std::optional<HttpResponse> handle(const HttpRequest &request);

    static QString oobRedirectUri() { return QStringLiteral("urn:ietf:wg:oauth:2.0:oob"); }

private:
    struct Params
    {
        QString clientId;
        QString redirectUri;
        QString responseType;
        QString state;
        bool hasState = false;
        QString codeChallenge;
        QString codeChallengeMethod;
        bool hasCodeChallenge = false;
    };
    static Params readParams(const FormEncoding::Items &items);
    // An error page or error redirect when the request is not acceptable.
    std::optional<HttpResponse> validate(const Params &params, const OAuthClient **client) const;
    HttpResponse redirectToClient(const Params &params, const FormEncoding::Items &items) const;
    HttpResponse errorRedirect(const Params &params, const QString &error,
                               const QString &description) const;

    HttpResponse showAuthorize(const HttpRequest &request);
    HttpResponse decide(const HttpRequest &request);
    HttpResponse logIn(const HttpRequest &request);
    HttpResponse loginPage(int status, LoginSession *session, const QString &returnTo,
                           const QString &email, const QString &error, bool setCookie);

    EmulatorContext &m_context;
};
