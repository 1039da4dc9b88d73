#include "loginreply.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

QString eventName(LoginReply::Event event)
{
    switch (event) {
    case LoginReply::Event::Redirect:
        return QStringLiteral("redirect");
    case LoginReply::Event::Cancelled:
        return QStringLiteral("cancelled");
    case LoginReply::Event::SystemBrowser:
        return QStringLiteral("system-browser");
    case LoginReply::Event::Error:
        break;
    }
    return QStringLiteral("error");
}

} // namespace

LoginReply LoginReply::redirect(const QUrl &url)
{
    LoginReply reply;
    reply.event = Event::Redirect;
    reply.url = url;
    return reply;
}

LoginReply LoginReply::cancelled()
{
    LoginReply reply;
    reply.event = Event::Cancelled;
    return reply;
}

LoginReply LoginReply::systemBrowser()
{
    LoginReply reply;
    reply.event = Event::SystemBrowser;
    return reply;
}

LoginReply LoginReply::error(const QString &message)
{
    LoginReply reply;
    reply.event = Event::Error;
    reply.message = message.left(1000);
    return reply;
}

int LoginReply::exitCode() const
{
    switch (event) {
    case Event::Redirect:
        return 0;
    case Event::Cancelled:
        return 1;
    case Event::SystemBrowser:
        return 2;
    case Event::Error:
        break;
    }
    return 3;
}

QByteArray LoginReply::toJsonLine() const
{
    QJsonObject object{{QStringLiteral("event"), eventName(event)}};
    if (event == Event::Redirect)
        object.insert(QStringLiteral("url"), url.toString(QUrl::FullyEncoded));
    if (event == Event::Error)
        object.insert(QStringLiteral("message"), message);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

LoginReply LoginReply::fromJsonLine(const QByteArray &line, QString *error)
{
    Q_ASSERT(error);
    error->clear();
    const auto fail = [error](const QString &why) {
        *error = why;
        return LoginReply::error(why);
    };
    QByteArray text = line;
    if (text.endsWith('\n'))
        text.chop(1);
    if (text.size() > maxLineSize)
        return fail(QStringLiteral("reply is larger than %1 bytes").arg(maxLineSize));
    if (text.contains('\n'))
        return fail(QStringLiteral("reply must be a single line"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(QStringLiteral("reply is not a JSON object"));
    const QJsonObject object = document.object();
    const QString event = object.value(QStringLiteral("event")).toString();
    const auto onlyKeys = [&object](std::initializer_list<const char *> keys) {
        if (object.size() != qsizetype(keys.size()))
            return false;
        for (const char *key : keys) {
            if (!object.contains(QLatin1String(key)))
                return false;
        }
        return true;
    };
    if (event == u"redirect") {
        const QJsonValue url = object.value(QStringLiteral("url"));
        if (!onlyKeys({"event", "url"}) || !url.isString())
            return fail(QStringLiteral("redirect reply needs exactly a url string"));
        const QUrl parsed(url.toString(), QUrl::StrictMode);
        if (!parsed.isValid() || parsed.isRelative())
            return fail(QStringLiteral("redirect reply url is not an absolute URL"));
        return redirect(parsed);
    }
    if (event == u"cancelled" && onlyKeys({"event"}))
        return cancelled();
    if (event == u"system-browser" && onlyKeys({"event"}))
        return systemBrowser();
    if (event == u"error" && onlyKeys({"event", "message"}) &&
        object.value(QStringLiteral("message")).isString())
        return LoginReply::error(object.value(QStringLiteral("message")).toString());
    return fail(QStringLiteral("unknown or malformed reply event"));
}
