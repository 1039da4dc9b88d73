#include "pagetiming.h"

#include "benchclock.h"
#include "devtoolspage.h"
#include "waituntil.h"

#include <QJsonArray>

namespace PageTiming {
namespace {
double metric(DevToolsPage &page, const QString &name)
{
    const QJsonArray metrics = page.call(QStringLiteral("Performance.getMetrics"))
                                   .value(QStringLiteral("metrics"))
                                   .toArray();
    for (const QJsonValue &metric : metrics) {
        const QJsonObject object = metric.toObject();
        if (object.value(QStringLiteral("name")).toString() == name)
            return object.value(QStringLiteral("value")).toDouble();
    }
    return -1;
}
} // namespace

double firstContentfulPaint(DevToolsPage &page, int timeoutMs)
{
    // Polled rather than awaited: an awaited promise dies with the document it ran in when
    // the page is still navigating away from about:blank.
    const QString script = QStringLiteral(
        "(() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
        " return e && location.protocol.startsWith('http') ? e.startTime : null; })()");
    QJsonValue fcp;
    if (!waitUntil(
            [&] {
                fcp = page.evaluate(script, 2000);
                return fcp.isDouble();
            },
            timeoutMs))
        return -1;
    page.call(QStringLiteral("Performance.enable"));
    const double navigationStart = metric(page, QStringLiteral("NavigationStart"));
    return navigationStart < 0 ? -1 : navigationStart + fcp.toDouble() / 1000;
}

double clockSkew(DevToolsPage &page)
{
    const double timestamp = metric(page, QStringLiteral("Timestamp"));
    const double now = monotonicSeconds();
    return timestamp < 0 ? 1e9 : timestamp - now;
}

} // namespace PageTiming
