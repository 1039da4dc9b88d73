#pragma once

#include "apijob.h"

#include "model/user.h"

// GET /rest/v1.0/me: who is signed in.
class MeJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeJob)
public:
    ~MeJob() override;
    // Valid once finished without an error.
    User user() const { return m_user; }

protected:
    ProcoreError parseBody(const QByteArray &body) override;

private:
    friend class ApiClient;
    explicit MeJob(ApiClient *client);

    User m_user;
};
