#pragma once

#include "formencoding.h"

#include <QByteArray>
#include <QString>

// The login server's pages: plain HTML5 forms a browser (or BrowserFlow) can fill in.
namespace HtmlPages {
QByteArray login(const QString &appName, const QString &csrfToken, const QString &returnTo,
                 const QString &email, const QString &error);
// Allow and Deny are two forms posting to /oauth/authorize; Deny adds _method=delete, as
// Doorkeeper's page does.
QByteArray consent(const QString &appName, const QString &userEmail, const QString &csrfToken,
                   const FormEncoding::Items &hiddenFields);
QByteArray error(const QString &error, const QString &description);
QByteArray nativeCode(const QString &code);
QByteArray home(const QString &userEmail);
} // namespace HtmlPages
