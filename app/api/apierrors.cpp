#include "apierrors.h"

#include "common/networkerrors.h"

#include <QCoreApplication>
#include <QLocale>

namespace ApiErrors {

namespace {
// `text` is marked with QT_TRANSLATE_NOOP("ApiErrors", …) where it is written.
ProcoreError make(ProcoreError::Kind kind, const char *text, const QString &detail, int status = 0)
{
    return {kind, QCoreApplication::translate("ApiErrors", text), detail, status};
}
} // namespace

ProcoreError network(QNetworkReply::NetworkError error, const QString &detail)
{
    return NetworkErrors::map(error, detail);
}

ProcoreError timeout(const QString &detail)
{
    return NetworkErrors::timeout(detail);
}

ProcoreError proxyAuthentication(const QString &detail)
{
    return NetworkErrors::proxyAuthentication(detail);
}

ProcoreError signInNeeded(const QString &detail)
{
    return make(ProcoreError::Kind::SignInNeeded,
                QT_TRANSLATE_NOOP("ApiErrors", "Procore asked you to sign in again."), detail, 401);
}

ProcoreError forbidden(const QString &companyName, const QString &detail)
{
    if (companyName.isEmpty())
        return make(ProcoreError::Kind::Forbidden,
                    QT_TRANSLATE_NOOP(
                        "ApiErrors",
                        "Procore did not allow the app to see this. Ask your Procore administrator "
                        "for access."),
                    detail, 403);
    return {ProcoreError::Kind::Forbidden,
            QCoreApplication::translate(
                "ApiErrors",
                "Procore Desktop is not connected to %1. Ask an administrator of %1 to install "
                "the Procore Desktop app from the Procore App Marketplace (Company Admin > App "
                "Management), then try again.")
                .arg(companyName),
            detail, 403};
}

ProcoreError notFound(const QString &detail)
{
    return make(
        ProcoreError::Kind::NotFound,
        QT_TRANSLATE_NOOP(
            "ApiErrors",
            "Procore did not show this to you: you may not have access to it (Procore answers "
            "the same when something was deleted). Ask your Procore administrator for "
            "access."),
        detail, 404);
}

ProcoreError serverError(int status, const QString &detail)
{
    return make(
        ProcoreError::Kind::ServerError,
        QT_TRANSLATE_NOOP("ApiErrors",
                          "Procore is having trouble right now. Try again in a few minutes."),
        detail, status);
}

ProcoreError refused(int status, const QString &detail)
{
    return make(ProcoreError::Kind::ServerError,
                QT_TRANSLATE_NOOP(
                    "ApiErrors",
                    "Procore refused the app's request. Try again; if it keeps happening, update "
                    "Procore Desktop or report the problem."),
                detail, status);
}

ProcoreError rateLimited(const QDateTime &retryAt, const QString &detail)
{
    if (!retryAt.isValid())
        return make(
            ProcoreError::Kind::RateLimited,
            QT_TRANSLATE_NOOP("ApiErrors",
                              "Procore asked the app to slow down. Try again in a few minutes."),
            detail, 429);
    return {ProcoreError::Kind::RateLimited,
            QCoreApplication::translate("ApiErrors",
                                        "Procore asked the app to slow down. Try again after %1.")
                .arg(QLocale().toString(retryAt.toLocalTime().time(), QLocale::ShortFormat)),
            detail, 429};
}

ProcoreError badData(const QString &detail)
{
    return make(ProcoreError::Kind::BadData,
                QT_TRANSLATE_NOOP(
                    "ApiErrors",
                    "Procore sent an answer the app does not understand. Try again; if it keeps "
                    "happening, report the problem."),
                detail);
}

ProcoreError redirectedElsewhere(const QString &detail)
{
    return make(
        ProcoreError::Kind::ServerError,
        QT_TRANSLATE_NOOP(
            "ApiErrors",
            "Procore sent the app to another address, which the app does not follow for your "
            "safety. Check the configured Procore address."),
        detail);
}

ProcoreError cancelled()
{
    return make(ProcoreError::Kind::Cancelled, QT_TRANSLATE_NOOP("ApiErrors", "Cancelled."),
                QStringLiteral("cancelled"));
}

ProcoreError parseJson(const QByteArray &body, QJsonValue::Type shape, const QString &what,
                       QJsonDocument *document)
{
    QJsonParseError parseError;
    *document = QJsonDocument::fromJson(body, &parseError);
    const bool isArray = shape == QJsonValue::Array;
    if (isArray ? document->isArray() : document->isObject())
        return {};
    const QString expected = isArray ? QStringLiteral("array") : QStringLiteral("object");
    return badData(QStringLiteral("%1: not a JSON %2 (%3): %4")
                       .arg(what, expected, parseError.errorString(), bodySnippet(body)));
}

QString bodySnippet(const QByteArray &body)
{
    constexpr int Max = 200;
    QString text = QString::fromUtf8(body.left(Max)).simplified();
    if (body.size() > Max)
        text += QStringLiteral("…");
    return text;
}

} // namespace ApiErrors
