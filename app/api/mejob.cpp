#include "mejob.h"

#include "apiclient.h"
#include "apierrors.h"

#include <QJsonDocument>

MeJob::MeJob(ApiClient *client)
    : ApiJob(client, client->resolve(QUrl(QStringLiteral("/rest/v1.0/me"))), 0, {})
{}

MeJob::~MeJob() = default;

ProcoreError MeJob::parseBody(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return ApiErrors::badData(QStringLiteral("/me: not a JSON object (%1): %2")
                                      .arg(parseError.errorString(), ApiErrors::bodySnippet(body)));
    QString why;
    const auto user = User::fromJson(document.object(), &why);
    if (!user)
        return ApiErrors::badData(QStringLiteral("/me: ") + why);
    m_user = *user;
    return {};
}
