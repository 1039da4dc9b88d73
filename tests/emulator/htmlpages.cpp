#include "htmlpages.h"

namespace HtmlPages {

static QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

static QByteArray page(const QString &title, const QString &body)
{
    static const QString style = QStringLiteral(
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f5f6;"
        "margin:0;color:#232729}main{max-width:420px;margin:48px auto;background:#fff;"
        "border-radius:8px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.12)}"
        "h1{font-size:22px;margin:0 0 16px}.brand{color:#f47e42;font-weight:700;font-size:28px;"
        "margin-bottom:20px}label{display:block;margin:12px 0 4px;font-weight:600}"
        "input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:10px;"
        "border:1px solid #aab0b4;border-radius:4px;font-size:15px}"
        "button{margin-top:20px;padding:10px 20px;border:0;border-radius:4px;font-size:15px;"
        "cursor:pointer}.primary{background:#f47e42;color:#fff}.secondary{background:#e3e6e8}"
        ".error{background:#fdecea;color:#a3190f;padding:10px;border-radius:4px}"
        ".actions{display:flex;gap:12px}.actions form{display:inline}"
        "footer{color:#6a767c;font-size:12px;text-align:center;margin-top:16px}"
        "code{font-size:18px;word-break:break-all}");
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<title>%1</title><style>%2</style></head><body><main>"
                       "<div class=\"brand\">Procore</div>%3</main>"
                       "<footer>Procore emulator for development and tests &mdash; not the real "
                       "Procore.</footer></body></html>\n")
            .arg(esc(title), style, body);
    return html.toUtf8();
}

static QString hidden(const QString &name, const QString &value)
{
    return QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
        .arg(esc(name), esc(value));
}

QByteArray login(const QString &appName, const QString &csrfToken, const QString &returnTo,
                 const QString &email, const QString &error)
{
    QString body = QStringLiteral("<h1>Log in</h1><p>to continue to <strong>%1</strong></p>")
                       .arg(esc(appName));
    if (!error.isEmpty())
        body += QStringLiteral("<p class=\"error\" id=\"login-error\" role=\"alert\">%1</p>")
                    .arg(esc(error));
    body +=
        QStringLiteral("<form id=\"login-form\" action=\"/sessions\" method=\"post\">") +
        hidden(QStringLiteral("authenticity_token"), csrfToken) +
        hidden(QStringLiteral("return_to"), returnTo) +
        QStringLiteral("<label for=\"email\">Email</label>"
                       "<input type=\"email\" id=\"email\" name=\"session[email]\" value=\"%1\" "
                       "autocomplete=\"username\" required autofocus>"
                       "<label for=\"password\">Password</label>"
                       "<input type=\"password\" id=\"password\" name=\"session[password]\" "
                       "autocomplete=\"current-password\" required>"
                       "<button type=\"submit\" id=\"login-button\" class=\"primary\">Log In"
                       "</button></form>")
            .arg(esc(email));
    return page(QStringLiteral("Log In | Procore"), body);
}

QByteArray consent(const QString &appName, const QString &userEmail, const QString &csrfToken,
                   const FormEncoding::Items &hiddenFields)
{
    QString fields = hidden(QStringLiteral("authenticity_token"), csrfToken);
    for (const auto &[name, value] : hiddenFields)
        fields += hidden(name, value);
    const QString body =
        QStringLiteral(
            "<h1>Authorization required</h1><p id=\"consent-text\"><strong id=\"app-name\">%1"
            "</strong> would like to access your Procore account <strong>%2</strong>: your "
            "profile, companies and projects.</p><div class=\"actions\">"
            "<form id=\"allow-form\" action=\"/oauth/authorize\" method=\"post\">%3"
            "<button type=\"submit\" id=\"allow\" name=\"commit\" value=\"Allow\" "
            "class=\"primary\">Allow</button></form>"
            "<form id=\"deny-form\" action=\"/oauth/authorize\" method=\"post\">%4%3"
            "<button type=\"submit\" id=\"deny\" name=\"commit\" value=\"Deny\" "
            "class=\"secondary\">Deny</button></form></div>")
            .arg(esc(appName), esc(userEmail), fields,
                 hidden(QStringLiteral("_method"), QStringLiteral("delete")));
    return page(QStringLiteral("Authorize %1 | Procore").arg(appName), body);
}

QByteArray error(const QString &error, const QString &description)
{
    return page(QStringLiteral("Error | Procore"),
                QStringLiteral("<h1>An error has occurred</h1><p class=\"error\" id=\"error\">"
                               "<code id=\"error-code\">%1</code></p>"
                               "<p id=\"error-description\">%2</p>")
                    .arg(esc(error), esc(description)));
}

QByteArray nativeCode(const QString &code)
{
    return page(QStringLiteral("Authorization code | Procore"),
                QStringLiteral("<h1>Authorization code</h1><p>Copy this code and paste it into "
                               "the application:</p><p><code id=\"authorization_code\">%1</code>"
                               "</p>")
                    .arg(esc(code)));
}

QByteArray home(const QString &userEmail)
{
    const QString who = userEmail.isEmpty()
                            ? QStringLiteral("You are not logged in.")
                            : QStringLiteral("You are logged in as %1.").arg(esc(userEmail));
    return page(QStringLiteral("Procore"),
                QStringLiteral("<h1>Procore login server</h1><p>%1</p>").arg(who));
}

} // namespace HtmlPages
