#include "logging.h"

#include <utility>

Q_LOGGING_CATEGORY(lcAuth, "procore.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "procore.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "procore.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModel, "procore.model", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLinks, "procore.links", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "procore.ui", QtInfoMsg)

namespace {

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void quietNetworkAuthDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.networkauth", 14) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

void Logging::installCredentialFilter()
{
    static bool installed = false;
    if (std::exchange(installed, true))
        return;
    g_previousFilter = QLoggingCategory::installFilter(quietNetworkAuthDebug);
}
