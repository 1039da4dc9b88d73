#include "logging.h"

Q_LOGGING_CATEGORY(lcAuth, "procore.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "procore.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApi, "procore.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModel, "procore.model", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLinks, "procore.links", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "procore.ui", QtInfoMsg)
