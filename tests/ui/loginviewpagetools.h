#pragma once

#include "loginviewtesttools.h"

#include <QWebEngineLoadingInfo>
#include <QWebEnginePage>
#include <QWidget>

#include <memory>

// Helpers for tests that hold a LoginView's page in their own process.
namespace LoginViewTestTools {

// Runs a script and waits for its result (an invalid QVariant after the timeout).
inline QVariant runJs(QWebEnginePage *page, const QString &script, int timeoutMs = 5000)
{
    struct Result
    {
        QVariant value;
        bool done = false;
    };
    auto result = std::make_shared<Result>();
    page->runJavaScript(script, [result](const QVariant &value) {
        result->value = value;
        result->done = true;
    });
    if (!waitUntil([&] { return result->done; }, timeoutMs))
        return {};
    return result->value;
}

inline bool hasElement(QWebEnginePage *page, const char *id)
{
    return runJs(page, QStringLiteral("!!document.getElementById('%1')").arg(QLatin1String(id)))
        .toBool();
}

// Polls briefly: a script sent while a navigation is under way may never answer.
inline bool waitForElement(QWebEnginePage *page, const char *id, int timeoutMs = 15000)
{
    return waitUntil(
        [&] {
            return runJs(page,
                         QStringLiteral("!!document.getElementById('%1')").arg(QLatin1String(id)),
                         250)
                .toBool();
        },
        timeoutMs);
}

// Runs a script that navigates (a click, a submit) and waits until that load ended (a 401
// page with the server's message ends as "failed", and without loadFinished).
inline bool runJsAndWaitForLoad(QWebEnginePage *page, const QString &script, int timeoutMs = 15000)
{
    bool ended = false;
    const QMetaObject::Connection connection = QObject::connect(
        page, &QWebEnginePage::loadingChanged, [&ended](const QWebEngineLoadingInfo &info) {
            if (info.status() != QWebEngineLoadingInfo::LoadStartedStatus)
                ended = true;
        });
    page->runJavaScript(script);
    const bool ok = waitUntil([&] { return ended; }, timeoutMs);
    QObject::disconnect(connection);
    return ok;
}

// Gives the compositor a moment so the grab shows the page, not a blank frame.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    pump(400);
    return widget->grab().save(screenshotPath(name));
}

} // namespace LoginViewTestTools
