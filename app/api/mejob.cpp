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
    QJsonDocument document;
    if (ProcoreError error =
            ApiErrors::parseJson(body, QJsonValue::Object, QStringLiteral("/me"), &document))
        return error;
    QString why;
    const auto user = User::fromJson(document.object(), &why);
    if (!user)
        return ApiErrors::badData(QStringLiteral("/me: ") + why);
    m_user = *user;
    return {};
}
