#pragma once

#include "apijob.h"

// A file link on Procore's API host (a drawing's pdf_url): asked with the Bearer token, it
// answers with a redirect to storage on another host. This job stops there and hands over the
// storage URL, which is fetched without any credentials (FileDownload); the token never
// leaves the API host. An expired or refused link finishes with Forbidden (list the files
// again for a fresh one). A file served by the API host itself is not supported: Procore
// documents the redirect, and the body would have to be held in memory.
class FileLinkJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileLinkJob)
public:
    ~FileLinkJob() override;
    // Valid once finished without an error.
    QUrl storageUrl() const { return m_storageUrl; }

protected:
    bool takeForeignRedirect(const QUrl &target) override;
    ProcoreError parseBody(const QByteArray &body) override;

private:
    friend class ApiClient;
    FileLinkJob(ApiClient *client, const QUrl &link);

    QUrl m_storageUrl;
};
