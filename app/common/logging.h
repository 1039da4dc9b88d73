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
