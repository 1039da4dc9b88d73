#pragma once

#include "config/clientconfig.h"
#include "config/environment.h"
#include "drawings/drawingsync.h"

#include <QObject>
#include <QTextStream>

#include <functional>

class ApiClient;
class CompanyZones;
class ProcoreAuth;
class QNetworkAccessManager;
class TokenStore;
struct Company;
struct Project;

// The window-less side of procore-desktop: --list-projects, --sync-drawings, --list-drawings,
// --sign-in and --sign-out.
// Each command ends with finished(exit code): 0 done, 1 not signed in, 2 any other failure.
class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)
public:
    enum ExitCode { Success = 0, NotSignedIn = 1, Failure = 2 };

    // `store`, `network`, `out` and `err` are not owned and must outlive the runner.
    CliRunner(const Environment &environment, const ClientConfig &client, TokenStore *store,
              QNetworkAccessManager *network, QTextStream &out, QTextStream &err,
              QObject *parent = nullptr);
    ~CliRunner() override;

    // companyId 0: the company last chosen in the app, else the user's own active company.
    void listProjects(qint64 companyId, bool json);
    // Loopback redirect URI: prints the URL, opens the browser, waits for the redirect.
    // urn:ietf:wg:oauth:2.0:oob: prints the URL and reads the code Procore shows from stdin.
    void signIn();
    void signOut();
    // The current drawing set of the project onto this computer, then a summary.
    void syncDrawings(qint64 projectId, qint64 companyId);
    // The project's drawings kept on this computer; needs no network.
    void listDrawings(qint64 projectId, qint64 companyId, bool json);

signals:
    void finished(int exitCode);

private:
    // Restores the stored sign-in, then `then`; a missing sign-in ends the command.
    void whenSignedIn(const std::function<void()> &then);
    // Signed in, the companies checked and one chosen (companyId, else the remembered one):
    // then(id, name). No such company ends the command.
    void withCompany(qint64 companyId, const std::function<void(qint64, const QString &)> &then);
    void printDrawingSummary(qint64 projectId, const QString &companyName,
                             const DrawingSync::Summary &summary, const ProcoreError &error);
    void fetchProjects(qint64 companyId, const QString &companyName, bool json);
    void printJson(qint64 companyId, const QList<Project> &projects);
    qint64 chooseCompany(const QList<Company> &companies, qint64 wanted, QString *name) const;
    void fail(const QString &message, int code = Failure);
    void done(int code);

    Environment m_environment;
    ProcoreAuth *m_auth;
    ApiClient *m_api;
    CompanyZones *m_zones;
    QTextStream &m_out;
    QTextStream &m_err;
    QNetworkAccessManager *m_network;
    bool m_done = false;
};
