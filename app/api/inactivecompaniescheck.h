#pragma once

#include "common/procoreerror.h"
#include "model/company.h"

#include <QList>
#include <QObject>
#include <QPointer>

class ApiClient;
class ApiJob;

// /companies lists inactive companies too, including ones the user no longer has anything in.
// An inactive company stays in the list only when the user can still see a project there: one
// project is asked of each inactive company (all at once, any status); active companies pass
// untouched and cost nothing. A company that answers with no project, 403/401 (no app) or 404
// is left out. Emits `finished` once (also when cancelled) and deletes itself afterwards.
class InactiveCompaniesCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InactiveCompaniesCheck)
public:
    InactiveCompaniesCheck(ApiClient *client, const QList<Company> &companies);
    ~InactiveCompaniesCheck() override;

    void start();
    void cancel();
    // The companies kept, in their original order; valid after finished() without an error.
    QList<Company> companies() const;

signals:
    // An error only when the answer could not be had at all (offline, signed out, …).
    void finished(const ProcoreError &error);

private:
    void onProbe(qint64 companyId, ApiJob *job, const ProcoreError &error);
    void finish(const ProcoreError &error);

    ApiClient *m_client;
    QList<Company> m_companies;
    QList<qint64> m_dropped;
    QList<QPointer<ApiJob>> m_probes;
    int m_pending = 0;
    bool m_finished = false;
};
