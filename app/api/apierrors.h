#pragma once

#include "common/procoreerror.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>

// The one mapping from what the network or Procore's API answered to a ProcoreError a person
// can act on. `detail` is for logs: status, redacted URL, a short piece of the body.
namespace ApiErrors {

// No HTTP answer: NetworkErrors' mapping, for the REST API.
ProcoreError network(QNetworkReply::NetworkError error, const QString &detail);
ProcoreError timeout(const QString &detail);
ProcoreError proxyAuthentication(const QString &detail);
ProcoreError signInNeeded(const QString &detail);
// 403. With a company name the message says which company and what to ask its admin.
ProcoreError forbidden(const QString &companyName, const QString &detail);
ProcoreError notFound(const QString &detail);
ProcoreError serverError(int status, const QString &detail);
// Any other 4xx: Procore refused the request as made (a bug on our side, not the user's).
ProcoreError refused(int status, const QString &detail);
// `retryAt` invalid when unknown.
ProcoreError rateLimited(const QDateTime &retryAt, const QString &detail);
ProcoreError badData(const QString &detail);
ProcoreError redirectedElsewhere(const QString &detail);
ProcoreError cancelled();

// `body` as a JSON document of that `shape` (Array or Object) in `document`; otherwise badData
// naming `what` (e.g. "/me") with the parser's reason and the body's first bytes.
ProcoreError parseJson(const QByteArray &body, QJsonValue::Type shape, const QString &what,
                       QJsonDocument *document);

// The first bytes of a response body, printable, for a log detail.
QString bodySnippet(const QByteArray &body);

} // namespace ApiErrors
