#include "browserflow.h"

#include "emulatorprocess.h"
#include "htmlform.h"
#include "networkwait.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() &&
           a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}

QByteArray formBody(const QList<QPair<QString, QString>> &pairs)
{
    QByteArray out;
    for (const auto &[key, value] : pairs) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

struct Step
{
    QUrl url;
    QByteArray method = "GET";
    QByteArray body;
};

// The request a browser makes when the form is submitted with that button.
Step submit(const QUrl &page, const HtmlForm &form, const HtmlForm::Button *button,
            const QList<QPair<QString, QString>> &pairs)
{
    Q_UNUSED(button)
    Step step;
    step.url = form.action.isEmpty() ? page : page.resolved(QUrl(form.action));
    if (form.method == u"post") {
        step.method = "POST";
        step.body = formBody(pairs);
    } else {
        step.url.setQuery(QString::fromLatin1(formBody(pairs)), QUrl::StrictMode);
    }
    return step;
}

} // namespace

QString BrowserFlow::oobCode(const QByteArray &page)
{
    static const QRegularExpression re(
        QStringLiteral("<[^>]*\\bid=\"authorization_code\"[^>]*>([^<]*)<"));
    const QRegularExpressionMatch match = re.match(QString::fromUtf8(page));
    return match.hasMatch() ? HtmlForm::decodeEntities(match.captured(1)).trimmed() : QString();
}

BrowserFlowResult BrowserFlow::runAsDemoUser(const QUrl &authorizeUrl, Decision decision)
{
    return run(authorizeUrl, EmulatorProcess::demoEmail(), EmulatorProcess::demoPassword(),
               decision);
}

BrowserFlowResult BrowserFlow::run(const QUrl &authorizeUrl, const QString &email,
                                   const QString &password, Decision decision)
{
    QNetworkAccessManager manager;
    manager.setCookieJar(new QNetworkCookieJar(&manager));
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);

    BrowserFlowResult result;
    Step step{authorizeUrl, "GET", {}};
    bool loggedIn = false;
    bool decided = false;
    for (int round = 0; round < 12; ++round) {
        QNetworkRequest request(step.url);
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QByteArrayLiteral("Mozilla/5.0 (X11; Linux x86_64) BrowserFlow/1.0"));
        if (step.method == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply =
            step.method == "POST" ? manager.post(request, step.body) : manager.get(request);
        const bool finished = NetworkWait::forReply(reply, 15000);
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->isOpen() ? reply->readAll() : QByteArray();
        const QByteArray location = reply->rawHeader("Location");
        const QString networkError = reply->errorString();
        delete reply;
        if (!finished) {
            result.error = QStringLiteral("%1 %2 timed out")
                               .arg(QString::fromLatin1(step.method), step.url.toString());
            return result;
        }
        if (result.status == 0) {
            result.error =
                QStringLiteral("%1 %2 failed: %3")
                    .arg(QString::fromLatin1(step.method), step.url.toString(), networkError);
            return result;
        }
        if (result.status >= 300 && result.status < 400) {
            if (location.isEmpty()) {
                result.error = QStringLiteral("redirect %1 without a Location").arg(result.status);
                return result;
            }
            const QUrl target = step.url.resolved(QUrl::fromEncoded(location));
            if (!sameOrigin(target, authorizeUrl)) {
                result.redirect = target; // the answer for the app: stop here
                return result;
            }
            step = Step{target, "GET", {}};
            continue;
        }
        if (!oobCode(result.body).isEmpty())
            return result;

        const QList<HtmlForm> forms = HtmlForm::parse(result.body);
        const HtmlForm *loginForm = nullptr;
        for (const HtmlForm &form : forms) {
            if (form.hasInputOfType(QStringLiteral("password")))
                loginForm = &form;
        }
        if (loginForm) {
            if (loggedIn) {
                result.error = QStringLiteral("the login form came back (HTTP %1): login rejected")
                                   .arg(result.status);
                return result;
            }
            HtmlForm filled = *loginForm;
            for (HtmlForm::Input &input : filled.inputs) {
                const QString name = input.name.toLower();
                if (input.type == u"password")
                    input.value = password;
                else if (input.type == u"email" || name.contains(u"email") ||
                         name.contains(u"login"))
                    input.value = email;
            }
            const HtmlForm::Button *button =
                filled.buttons.isEmpty() ? nullptr : &filled.buttons.constFirst();
            step = submit(step.url, filled, button, filled.submission(button));
            loggedIn = true;
            continue;
        }
        const QString label =
            decision == Decision::Allow ? QStringLiteral("Allow") : QStringLiteral("Deny");
        const HtmlForm *decisionForm = nullptr;
        const HtmlForm::Button *button = nullptr;
        for (const HtmlForm &form : forms) {
            if (const HtmlForm::Button *candidate = form.button(label)) {
                decisionForm = &form;
                button = candidate;
                break;
            }
        }
        if (!decisionForm || decided) {
            result.error = QStringLiteral("unexpected page (HTTP %1) with no %2 button")
                               .arg(result.status)
                               .arg(decided ? QStringLiteral("further") : label);
            return result;
        }
        step = submit(step.url, *decisionForm, button, decisionForm->submission(button));
        decided = true;
    }
    result.error = QStringLiteral("too many steps");
    return result;
}
