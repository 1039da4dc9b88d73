#include "deeplink.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <limits>

namespace {

DeepLinkResult failure(const QString &message, const QString &detail)
{
    return {{}, ProcoreError(ProcoreError::Kind::Config, message, detail)};
}

QString badLinkMessage()
{
    return DeepLink::tr(
        "This link cannot be opened. Project links look like "
        "procore-desktop://project/12345 or procore-desktop://project/12345?company=678.");
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

} // namespace

qint64 DeepLink::parseId(const QString &text)
{
    constexpr int maxDigits = std::numeric_limits<qint64>::digits10 + 1; // 19
    if (text.isEmpty() || text.size() > maxDigits || text.front() == QLatin1Char('0'))
        return 0;
    quint64 value = 0;
    for (const QChar c : text) {
        if (!isAsciiDigit(c))
            return 0;
        const quint64 digit = quint64(c.unicode() - '0');
        if (value > (quint64(std::numeric_limits<qint64>::max()) - digit) / 10)
            return 0;
        value = value * 10 + digit;
    }
    return qint64(value);
}

DeepLinkResult DeepLink::fromIds(const QString &projectText, const QString &companyText)
{
    DeepLink link;
    link.projectId = parseId(projectText);
    if (link.projectId == 0)
        return failure(tr("\"%1\" is not a Procore project ID. Project IDs are whole numbers "
                          "such as 12345.")
                           .arg(projectText.left(40)),
                       QStringLiteral("bad project id"));
    if (!companyText.isEmpty()) {
        link.companyId = parseId(companyText);
        if (link.companyId == 0)
            return failure(tr("\"%1\" is not a Procore company ID. Company IDs are whole numbers "
                              "such as 678.")
                               .arg(companyText.left(40)),
                           QStringLiteral("bad company id"));
    }
    return {link, {}};
}

DeepLinkResult DeepLink::fromUrl(const QString &text)
{
    if (text.size() > maxUrlLength)
        return failure(badLinkMessage(), QStringLiteral("link longer than %1").arg(maxUrlLength));
    // Checked on the raw text: QUrl would decode, normalise or tolerate what a strict link
    // grammar must refuse (percent-encoding, spaces, control characters, backslashes).
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('%') ||
            c == QLatin1Char('\\') || c == QLatin1Char('#') || c == QLatin1Char('@'))
            return failure(badLinkMessage(), QStringLiteral("forbidden character"));
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return failure(badLinkMessage(), QStringLiteral("invalid URL"));
    if (url.scheme() != scheme())
        return failure(badLinkMessage(), QStringLiteral("wrong scheme"));
    if (url.host() != QLatin1String("project") || url.port() != -1 || !url.userInfo().isEmpty() ||
        !text.startsWith(scheme() + QStringLiteral("://project/")))
        return failure(badLinkMessage(), QStringLiteral("wrong host"));

    QString path = url.path(QUrl::FullyEncoded);
    if (path.endsWith(QLatin1Char('/'))) // browsers and desktops may add one
        path.chop(1);
    const QString idText = path.mid(1);
    if (!path.startsWith(QLatin1Char('/')) || idText.contains(QLatin1Char('/')))
        return failure(badLinkMessage(), QStringLiteral("wrong path"));

    QString companyText;
    if (url.hasQuery()) {
        const QUrlQuery query(url);
        const auto items = query.queryItems(QUrl::FullyEncoded);
        if (items.size() != 1 || items.front().first != QLatin1String("company") ||
            items.front().second.isEmpty())
            return failure(badLinkMessage(), QStringLiteral("unexpected query"));
        companyText = items.front().second;
    }
    return fromIds(idText, companyText);
}

QUrl DeepLink::toUrl() const
{
    QUrl url;
    url.setScheme(scheme());
    url.setHost(QStringLiteral("project"));
    url.setPath(QLatin1Char('/') + QString::number(projectId));
    if (companyId > 0)
        url.setQuery(QStringLiteral("company=") + QString::number(companyId));
    return url;
}
