#pragma once

#include <QLoggingCategory>

// One category per module, so a bug report can turn on e.g.
// QT_LOGGING_RULES="procore.api.debug=true". Nothing logged may contain a token or secret:
// pass such values through redact() first.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcModel)
Q_DECLARE_LOGGING_CATEGORY(lcLinks)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Logging {
// Qt 6.4's OAuth flow logs the whole authorize URL (state, PKCE challenge) under
// qt.networkauth at debug level: keeps that category's debug output off whatever the logging
// rules say (warnings still show). main() installs it once, before anything logs; so do tests
// that capture logs.
void installCredentialFilter();
} // namespace Logging
