#include "requestlog.h"

#include "benchclock.h"

#include <QNetworkReply>

#include <algorithm>

double RequestLog::answeredAt(const QString &prefix) const
{
    double last = -1;
    for (const Entry &entry : m_entries) {
        if (entry.path.startsWith(prefix))
            last = std::max(last, entry.answered);
    }
    return last;
}

int RequestLog::roundTrips(double from, double to) const
{
    QList<Entry> window;
    for (const Entry &entry : m_entries) {
        if (entry.sent >= from && entry.answered >= 0 && entry.answered <= to)
            window << entry;
    }
    std::sort(window.begin(), window.end(),
              [](const Entry &a, const Entry &b) { return a.sent < b.sent; });
    // depth[i]: the longest chain ending with request i.
    QList<int> depth(window.size(), 1);
    int longest = 0;
    for (qsizetype i = 0; i < window.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (window.at(j).answered <= window.at(i).sent)
                depth[i] = std::max(depth.at(i), depth.at(j) + 1);
        }
        longest = std::max(longest, depth.at(i));
    }
    return longest;
}

int RequestLog::requests(double from, double to) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [&](const Entry &entry) {
        return entry.sent >= from && entry.answered >= 0 && entry.answered <= to;
    }));
}

QNetworkReply *RequestLog::createRequest(Operation op, const QNetworkRequest &request,
                                         QIODevice *outgoingData)
{
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
    const qsizetype index = m_entries.size();
    m_entries.append({request.url().path(), monotonicSeconds()});
    // Connected before the caller gets the reply, so this runs before the caller's own handling.
    connect(reply, &QNetworkReply::finished, this,
            [this, index] { m_entries[index].answered = monotonicSeconds(); });
    return reply;
}
