#include "pagination.h"

#include <QStringList>

static bool readPositive(const FormEncoding::Items &query, const QString &key, qint64 *out,
                         QString *error)
{
    bool present = false;
    const QString text = FormEncoding::value(query, key, &present);
    if (!present)
        return true;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1) {
        *error = QStringLiteral("%1 must be a positive integer").arg(key);
        return false;
    }
    *out = value;
    return true;
}

bool Pagination::read(const FormEncoding::Items &query, QString *error)
{
    qint64 perPage = defaultPerPage;
    if (!readPositive(query, QStringLiteral("page"), &m_page, error) ||
        !readPositive(query, QStringLiteral("per_page"), &perPage, error))
        return false;
    if (m_page > 1000000000) {
        *error = QStringLiteral("page is out of range");
        return false;
    }
    m_perPage = int(std::min<qint64>(perPage, maxPerPage));
    return true;
}

qint64 Pagination::lastPage(qint64 total) const
{
    return std::max<qint64>(1, (total + m_perPage - 1) / m_perPage);
}

void Pagination::addHeaders(HttpResponse *response, qint64 total, const QString &apiBase,
                            const QString &path, const FormEncoding::Items &query) const
{
    response->setHeader("Total", QByteArray::number(total));
    response->setHeader("Per-Page", QByteArray::number(m_perPage));
    FormEncoding::Items kept;
    for (const auto &item : query) {
        if (item.first != u"page" && item.first != u"per_page")
            kept.append(item);
    }
    const auto link = [&](qint64 page, const char *rel) {
        FormEncoding::Items items = kept;
        items.append({QStringLiteral("page"), QString::number(page)});
        items.append({QStringLiteral("per_page"), QString::number(m_perPage)});
        return "<" + apiBase.toUtf8() + path.toUtf8() + '?' + FormEncoding::build(items) +
               ">; rel=\"" + rel + '"';
    };
    const qint64 last = lastPage(total);
    QList<QByteArray> links{link(1, "first")};
    if (m_page > 1)
        links.append(link(std::min(m_page - 1, last), "prev"));
    if (m_page < last)
        links.append(link(m_page + 1, "next"));
    links.append(link(last, "last"));
    response->setHeader("Link", links.join(", "));
}
