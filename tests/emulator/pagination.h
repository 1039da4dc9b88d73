#pragma once

#include "formencoding.h"
#include "httpresponse.h"

#include <QString>

// page/per_page as Procore reads them and the Total, Per-Page and Link headers it answers.
class Pagination final
{
public:
    static constexpr int defaultPerPage = 100;
    static constexpr int maxPerPage = 300;

    // Reads page and per_page; on a bad value returns false and sets *error.
    bool read(const FormEncoding::Items &query, QString *error);
    qint64 page() const { return m_page; }
    int perPage() const { return m_perPage; }
    qint64 offset() const { return (m_page - 1) * m_perPage; }
    qint64 lastPage(qint64 total) const;
    // Adds the paging headers; links are absolute on apiBase and keep the other query items.
    void addHeaders(HttpResponse *response, qint64 total, const QString &apiBase,
                    const QString &path, const FormEncoding::Items &query) const;

private:
    qint64 m_page = 1;
    int m_perPage = defaultPerPage;
};
