#include "filelinkjob.h"

#include "apierrors.h"

#include "common/redact.h"
#include "config/environment.h"

FileLinkJob::FileLinkJob(ApiClient *client, const QUrl &link)
    // No company header: the link is signed for one file, the token proves the user, and a
    // refusal must not mark the company as lacking the app.
    : ApiJob(client, link, 0, {})
{}

FileLinkJob::~FileLinkJob() = default;

bool FileLinkJob::takeForeignRedirect(const QUrl &target)
{
    // Storage gets no token, but a plain-text hop would still expose the signed URL and the file.
    if (target.scheme() != u"https" &&
        !(target.scheme() == u"http" && Environment::isLoopbackHost(target.host())))
        return false;
    m_storageUrl = target;
    return true;
}

ProcoreError FileLinkJob::parseBody(const QByteArray &)
{
    return ApiErrors::badData(QStringLiteral("file link %1 answered without a redirect to storage")
                                  .arg(Redact::url(url())));
}
