#include "redact.h"

#include <QUrlQuery>

namespace Redact {

QString token(const QString &secret)
{
    if (secret.isEmpty())
        return QStringLiteral("<none>");
    return secret.left(4) + QStringLiteral("…(%1)").arg(secret.size());
}

QString networkError(const QString &errorString, const QUrl &url)
{
    QString text = errorString;
    const QString safe = Redact::url(url);
    for (const QUrl::ComponentFormattingOptions format :
         {QUrl::ComponentFormattingOptions(QUrl::PrettyDecoded),
          QUrl::ComponentFormattingOptions(QUrl::FullyEncoded)})
        text.replace(url.toString(format), safe);
    return text;
}

QString url(const QUrl &url)
{
    static const QStringList sensitive = {
        QStringLiteral("code"),
        QStringLiteral("state"),
        QStringLiteral("access_token"),
        QStringLiteral("refresh_token"),
        QStringLiteral("client_secret"),
        QStringLiteral("code_verifier"),
        QStringLiteral("password"),
        QStringLiteral("token"),
        // Signed file URLs (ours, S3's, CloudFront's): whoever has one can fetch the file.
        QStringLiteral("signature"),
        QStringLiteral("Signature"),
        QStringLiteral("X-Amz-Signature"),
        QStringLiteral("X-Amz-Credential"),
        QStringLiteral("X-Amz-Security-Token"),
        QStringLiteral("sig"),
    };
    QUrl copy = url;
    copy.setUserInfo({});
    QUrlQuery query(copy);
    const auto items = query.queryItems(QUrl::FullyEncoded);
    QUrlQuery cleaned;
    for (const auto &item : items)
        cleaned.addQueryItem(item.first, sensitive.contains(item.first)
                                             ? QStringLiteral("<redacted>")
                                             : item.second);
    copy.setQuery(cleaned);
    copy.setFragment({});
    return copy.toString();
}

QString authorization(const QByteArray &headerValue)
{
    const int space = headerValue.indexOf(' ');
    if (space < 0)
        return QStringLiteral("<redacted>");
    return QString::fromLatin1(headerValue.left(space)) + QStringLiteral(" <redacted>");
}

} // namespace Redact
