#include "authorizeendpoints.h"

#include "emulatorcontext.h"
#include "htmlpages.h"
#include "httprequest.h"

#include <QDateTime>
#include <QRegularExpression>

static const QString invalidClientText = QStringLiteral(
    "Client authentication failed due to unknown client, no client authentication included, or "
    "unsupported authentication method.");
static const QString invalidRedirectText =
    QStringLiteral("The requested redirect uri is malformed or doesn't match client redirect URI.");

// A base64url SHA-256 value without padding, as RFC 7636 S256 makes it.
static bool isS256Challenge(const QString &challenge)
{
    static const QRegularExpression s256(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    return s256.match(challenge).hasMatch();
}

AuthorizeEndpoints::Params AuthorizeEndpoints::readParams(const FormEncoding::Items &items)
{
    Params params;
    params.clientId = FormEncoding::value(items, QStringLiteral("client_id"));
    params.redirectUri = FormEncoding::value(items, QStringLiteral("redirect_uri"));
    params.responseType = FormEncoding::value(items, QStringLiteral("response_type"));
    params.state = FormEncoding::value(items, QStringLiteral("state"), &params.hasState);
    params.codeChallenge =
        FormEncoding::value(items, QStringLiteral("code_challenge"), &params.hasCodeChallenge);
    params.codeChallengeMethod =
        FormEncoding::value(items, QStringLiteral("code_challenge_method"));
    return params;
}

std::optional<HttpResponse> AuthorizeEndpoints::validate(const Params &params,
                                                         const OAuthClient **client) const
{
    // Until client and redirect URI are known good, errors stay on this server: redirecting
    // to an unverified URI would make the login server an open redirector.
    *client = m_context.config.client(params.clientId);
    if (!*client)
        return HttpResponse::html(
            401, HtmlPages::error(QStringLiteral("invalid_client"), invalidClientText));
    if (params.redirectUri.isEmpty())
        return HttpResponse::html(
            400, HtmlPages::error(QStringLiteral("invalid_request"),
                                  QStringLiteral("Missing required parameter: redirect_uri.")));
    if (!(*client)->redirectUris.contains(params.redirectUri))
        return HttpResponse::html(
            400, HtmlPages::error(QStringLiteral("invalid_redirect_uri"), invalidRedirectText));
    if (params.responseType != u"code")
        return errorRedirect(params, QStringLiteral("unsupported_response_type"),
                             QStringLiteral("The authorization server does not support this "
                                            "response type."));
    if (params.hasCodeChallenge) {
        if (params.codeChallengeMethod != u"S256")
            return errorRedirect(params, QStringLiteral("invalid_request"),
                                 QStringLiteral("The code_challenge_method must be S256."));
        if (!isS256Challenge(params.codeChallenge))
            return errorRedirect(params, QStringLiteral("invalid_request"),
                                 QStringLiteral("The code_challenge is not a base64url "
                                                "SHA-256 value."));
    } else if (m_context.config.requirePkce) {
        return errorRedirect(params, QStringLiteral("invalid_request"),
                             QStringLiteral("Code challenge is required."));
    }
    return std::nullopt;
}

HttpResponse AuthorizeEndpoints::redirectToClient(const Params &params,
                                                  const FormEncoding::Items &items) const
{
    FormEncoding::Items query = items;
    if (params.hasState)
        query.append({QStringLiteral("state"), params.state});
    const QByteArray uri = params.redirectUri.toUtf8();
    return HttpResponse::redirect(uri + (uri.contains('?') ? '&' : '?') +
                                  FormEncoding::build(query));
}

HttpResponse AuthorizeEndpoints::errorRedirect(const Params &params, const QString &error,
                                               const QString &description) const
{
    if (params.redirectUri == oobRedirectUri())
        return HttpResponse::html(400, HtmlPages::error(error, description));
    return redirectToClient(params, {{QStringLiteral("error"), error},
                                     {QStringLiteral("error_description"), description}});
}

std::optional<HttpResponse> AuthorizeEndpoints::handle(const HttpRequest &request)
{
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    if (request.path == u"/oauth/authorize") {
        if (get) {
            m_context.counters.add(Counters::Event::AuthorizeRequest);
            const Params params = readParams(request.query);
            if (params.codeChallengeMethod == u"S256" && isS256Challenge(params.codeChallenge))
                m_context.counters.add(Counters::Event::AuthorizeS256);
            return showAuthorize(request);
        }
        if (post)
            return decide(request);
    } else if (request.path == u"/sessions") {
        if (post)
            return logIn(request);
    } else if (request.path == u"/oauth/authorize/native") {
        if (get)
            return HttpResponse::html(
                200, HtmlPages::nativeCode(request.queryValue(QStringLiteral("code"))));
    } else if (request.path == u"/") {
        if (get) {
            const LoginSession *session = m_context.sessions.find(request.header("cookie"));
            const DemoUser *user = session ? m_context.config.user(session->userId) : nullptr;
            return HttpResponse::html(200, HtmlPages::home(user ? user->email : QString()));
        }
    } else {
        return std::nullopt;
    }
    HttpResponse response =
        HttpResponse::html(405, HtmlPages::error(QStringLiteral("method_not_allowed"),
                                                 QStringLiteral("Method not allowed.")));
    response.setHeader("Allow", request.path == u"/sessions" ? "POST" : "GET, POST");
    return response;
}

HttpResponse AuthorizeEndpoints::loginPage(int status, LoginSession *session,
                                           const QString &returnTo, const QString &email,
                                           const QString &error, bool setCookie)
{
    const OAuthClient *client = nullptr;
    const qsizetype question = returnTo.indexOf(u'?');
    if (question >= 0) {
        const Params params = readParams(FormEncoding::parse(returnTo.mid(question + 1).toUtf8()));
        client = m_context.config.client(params.clientId);
    }
    HttpResponse response = HttpResponse::html(
        status, HtmlPages::login(client ? client->name : QStringLiteral("Procore"),
                                 session->csrfToken, returnTo, email, error));
    if (setCookie)
        response.setHeader("Set-Cookie", SessionStore::setCookieHeader(*session));
    return response;
}

HttpResponse AuthorizeEndpoints::showAuthorize(const HttpRequest &request)
{
    const Params params = readParams(request.query);
    const OAuthClient *client = nullptr;
    if (auto failure = validate(params, &client))
        return *failure;

    LoginSession *session = m_context.sessions.find(request.header("cookie"));
    const bool newSession = !session;
    if (newSession)
        session = m_context.sessions.create();
    if (session->userId == 0) {
        const QString returnTo =
            QStringLiteral("/oauth/authorize?") + QString::fromLatin1(request.rawQuery);
        return loginPage(200, session, returnTo, QString(), QString(), newSession);
    }

    FormEncoding::Items fields{{QStringLiteral("client_id"), params.clientId},
                               {QStringLiteral("redirect_uri"), params.redirectUri},
                               {QStringLiteral("response_type"), params.responseType}};
    if (params.hasState)
        fields.append({QStringLiteral("state"), params.state});
    if (params.hasCodeChallenge) {
        fields.append({QStringLiteral("code_challenge"), params.codeChallenge});
        fields.append({QStringLiteral("code_challenge_method"), params.codeChallengeMethod});
    }
    const DemoUser *user = m_context.config.user(session->userId);
    return HttpResponse::html(200, HtmlPages::consent(client->name, user ? user->email : QString(),
                                                      session->csrfToken, fields));
}

HttpResponse AuthorizeEndpoints::logIn(const HttpRequest &request)
{
    const FormEncoding::Items form = request.form();
    const QString email = FormEncoding::value(form, QStringLiteral("session[email]"));
    const QString password = FormEncoding::value(form, QStringLiteral("session[password]"));
    QString returnTo = FormEncoding::value(form, QStringLiteral("return_to"));
    if (!returnTo.startsWith(u"/oauth/authorize?"))
        returnTo = QStringLiteral("/");

    LoginSession *session = m_context.sessions.find(request.header("cookie"));
    const QString csrf = FormEncoding::value(form, QStringLiteral("authenticity_token"));
    if (!session || csrf.isEmpty() || csrf != session->csrfToken) {
        session = m_context.sessions.create();
        return loginPage(422, session, returnTo, email,
                         QStringLiteral("Your session has expired. Please try again."), true);
    }
    const DemoUser *user = m_context.config.userByEmail(email);
    if (!user || user->password != password)
        return loginPage(401, session, returnTo, email,
                         QStringLiteral("Invalid email or password."), false);

    const LoginSession *loggedIn = m_context.sessions.logIn(session->id, user->id);
    HttpResponse response = HttpResponse::redirect(returnTo.toUtf8());
    response.setHeader("Set-Cookie", SessionStore::setCookieHeader(*loggedIn));
    return response;
}

HttpResponse AuthorizeEndpoints::decide(const HttpRequest &request)
{
    const FormEncoding::Items form = request.form();
    const LoginSession *session = m_context.sessions.find(request.header("cookie"));
    if (!session || session->userId == 0)
        return HttpResponse::html(401,
                                  HtmlPages::error(QStringLiteral("unauthorized"),
                                                   QStringLiteral("You need to log in first.")));
    const QString csrf = FormEncoding::value(form, QStringLiteral("authenticity_token"));
    if (csrf.isEmpty() || csrf != session->csrfToken)
        return HttpResponse::html(
            422, HtmlPages::error(QStringLiteral("invalid_authenticity_token"),
                                  QStringLiteral("The form was not sent by this login page.")));

    const Params params = readParams(form);
    const OAuthClient *client = nullptr;
    if (auto failure = validate(params, &client))
        return *failure;

    if (FormEncoding::value(form, QStringLiteral("_method"))
            .compare(u"delete", Qt::CaseInsensitive) == 0)
        return errorRedirect(params, QStringLiteral("access_denied"),
                             QStringLiteral("The resource owner or authorization server denied "
                                            "the request."));

    AuthorizationCode code;
    code.clientId = client->id;
    code.redirectUri = params.redirectUri;
    code.userId = session->userId;
    code.codeChallenge = params.codeChallenge;
    code.expiresAtMs =
        QDateTime::currentMSecsSinceEpoch() + qint64(m_context.config.codeTtl) * 1000;
    const QString value = m_context.codes.issue(code);
    m_context.counters.add(Counters::Event::CodeIssued);
    if (params.redirectUri == oobRedirectUri())
        return HttpResponse::redirect("/oauth/authorize/native?code=" +
                                      FormEncoding::encode(value));
    return redirectToClient(params, {{QStringLiteral("code"), value}});
}
