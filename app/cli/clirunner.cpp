#include "clirunner.h"

#include "api/apiclient.h"
#include "api/companiesjob.h"
#include "api/inactivecompaniescheck.h"
#include "api/projectsjob.h"
#include "auth/procoreauth.h"
#include "auth/redirectreplyhandler.h"
#include "common/appinfo.h"
#include "model/projectcache.h"
#include "model/weblinks.h"
#include "session/companymemory.h"
#include "session/companyzones.h"
#include "session/signoutwipe.h"
#include "storage/loginprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>

#include <cstdio>

namespace {
QString clip(const QString &text, int width)
{
    return text.size() <= width ? text.leftJustified(width)
                                : text.left(width - 1) + QStringLiteral("…");
}

// The browser opener of each desktop, without linking Qt Gui into the terminal mode.
bool openInBrowser(const QUrl &url)
{
#if defined(Q_OS_WIN)
    return QProcess::startDetached(
        QStringLiteral("rundll32"),
        {QStringLiteral("url.dll,FileProtocolHandler"), url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {url.toString(QUrl::FullyEncoded)});
#else
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
#endif
}
} // namespace

CliRunner::CliRunner(const Environment &environment, const ClientConfig &client, TokenStore *store,
                     QNetworkAccessManager *network, QTextStream &out, QTextStream &err,
                     QObject *parent)
    : QObject(parent)
    , m_environment(environment)
    , m_auth(new ProcoreAuth(environment, client, store, network, this))
    , m_api(new ApiClient(environment.apiUrl(), m_auth, network, this))
    , m_zones(new CompanyZones(environment, m_api, ProjectCache::defaultDirectory(), this))
    , m_out(out)
    , m_err(err)
    , m_network(network)
{
    m_auth->setProactiveRefresh(false);
    m_api->setCompaniesWithoutApp(CompanyMemory(environment.key()).withoutApp());
    SignOutWipe::finishInterrupted(LoginProfile::defaultDir(environment.key()));
}

CliRunner::~CliRunner() = default;

void CliRunner::fail(const QString &message, int code)
{
    m_err << message << Qt::endl;
    done(code);
}

void CliRunner::done(int code)
{
    if (m_done)
        return;
    m_done = true;
    m_out.flush();
    emit finished(code);
}

void CliRunner::whenSignedIn(const std::function<void()> &then)
{
    connect(m_auth, &ProcoreAuth::signInNeeded, this, [this](const ProcoreError &reason) {
        QString message =
            tr("You are not signed in to Procore (%1). Run \"%2 --sign-in\", or "
               "open %3 and sign in.")
                .arg(m_environment.displayName(), AppInfo::executableName(), AppInfo::name());
        if (reason.isError())
            message.prepend(reason.message + QLatin1Char(' '));
        fail(message, NotSignedIn);
    });
    connect(m_auth, &ProcoreAuth::errorOccurred, this,
            [this](const ProcoreError &error) { m_err << error.message << Qt::endl; });
    connect(m_auth, &ProcoreAuth::signedIn, this, then);
    m_auth->restore();
}

void CliRunner::withCompany(qint64 companyId,
                            const std::function<void(qint64, const QString &)> &then)
{
    whenSignedIn([this, companyId, then] {
        CompaniesJob *job = m_api->fetchCompanies();
        connect(job, &ApiJob::finished, this, [this, job, companyId, then](const ProcoreError &e) {
            if (e.isError())
                return fail(e.message,
                            e.kind == ProcoreError::Kind::SignInNeeded ? NotSignedIn : Failure);
            auto *check = new InactiveCompaniesCheck(m_api, job->companies());
            connect(check, &InactiveCompaniesCheck::finished, this,
                    [this, check, companyId, then](const ProcoreError &e) {
                        if (e.isError())
                            return fail(e.message, e.kind == ProcoreError::Kind::SignInNeeded
                                                       ? NotSignedIn
                                                       : Failure);
                        QString name;
                        const qint64 chosen = chooseCompany(check->companies(), companyId, &name);
                        if (chosen == 0)
                            return fail(companyId ? tr("Company %1 is not among your Procore "
                                                       "companies.")
                                                        .arg(companyId)
                                                  : tr("Your Procore account has no companies."));
                        then(chosen, name);
                    });
            check->start();
        });
    });
}

void CliRunner::listProjects(qint64 companyId, bool json)
{
    withCompany(companyId, [this, json](qint64 chosen, const QString &name) {
        fetchProjects(chosen, name, json);
    });
}

qint64 CliRunner::chooseCompany(const QList<Company> &companies, qint64 wanted, QString *name) const
{
    // --company is a demand, not a preference: no other company stands in for it.
    const qint64 id = CompanyMemory(m_environment.key()).choose(companies, {wanted});
    const Company *chosen = Company::find(companies, wanted ? wanted : id);
    if (!chosen)
        return 0;
    *name = chosen->name;
    return chosen->id;
}

void CliRunner::fetchProjects(qint64 companyId, const QString &companyName, bool json)
{
    ProjectsJob *job = m_api->fetchProjects(companyId, companyName);
    connect(job, &ProjectsJob::finished, this, [this, job, json](const ProcoreError &error) {
        // Shared with the window: a company without the app is not opened first, and its
        // next 401 asks /me before it spends a refresh.
        if (error.kind == ProcoreError::Kind::Forbidden || !error.isError())
            CompanyMemory(m_environment.key()).setHasApp(job->companyId(), !error.isError());
        if (error.isError())
            return fail(error.message,
                        error.kind == ProcoreError::Kind::SignInNeeded ? NotSignedIn : Failure);
        const QList<Project> projects = job->projects();
        if (json) {
            // Each project's web_url is on its company's zone host, asked once per company.
            const qint64 companyId = job->companyId();
            connect(m_zones, &CompanyZones::ready, this,
                    [this, companyId, projects] { printJson(companyId, projects); });
            m_zones->ensure(companyId);
            return;
        }
        m_out << tr("%1 — %Ln project(s)", nullptr, int(projects.size())).arg(job->companyName())
              << Qt::endl;
        m_out << clip(tr("ID"), 16) << ' ' << clip(tr("Number"), 12) << ' ' << clip(tr("Name"), 44)
              << ' ' << clip(tr("City"), 24) << ' ' << clip(tr("Stage"), 18) << ' ' << tr("Status")
              << Qt::endl;
        for (const Project &project : projects)
            m_out << clip(QString::number(project.id), 16) << ' ' << clip(project.projectNumber, 12)
                  << ' ' << clip(project.title(), 44) << ' ' << clip(project.location(), 24) << ' '
                  << clip(project.stageLabel(), 18) << ' '
                  << (project.active ? tr("active") : tr("inactive")) << '\n';
        done(Success);
    });
}

void CliRunner::printJson(qint64 companyId, const QList<Project> &projects)
{
    const QUrl base = m_zones->webBase(companyId);
    QJsonArray array;
    for (const Project &project : projects) {
        QJsonObject object = project.toJson();
        object.insert(
            QStringLiteral("web_url"),
            WebLinks::projectHome(base, companyId, project.id).toString(QUrl::FullyEncoded));
        array.append(object);
    }
    m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    done(Success);
}

void CliRunner::signIn()
{
    const bool pasteCode = m_auth->client().isOutOfBand();
    connect(m_auth, &ProcoreAuth::authorizationUrlReady, this, [this, pasteCode](const QUrl &url) {
        m_err << tr("Open this address to sign in to Procore and press Allow:") << Qt::endl
              << url.toString(QUrl::FullyEncoded) << Qt::endl;
        if (!pasteCode) {
            openInBrowser(url);
            m_err << tr("Waiting for your browser… (Ctrl+C to give up)") << Qt::endl;
            return;
        }
        m_err << tr("Then paste the code Procore shows here and press Enter:") << Qt::endl;
        auto *notifier = new QSocketNotifier(fileno(stdin), QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, notifier] {
            QTextStream in(stdin);
            const QString line = in.readLine(4096).trimmed();
            if (line.isEmpty() && in.atEnd()) {
                notifier->setEnabled(false);
                return fail(tr("No code was entered."));
            }
            if (!m_auth->redirectHandler()->handlePastedCode(line))
                m_err << tr("That is not a Procore code. Paste the code Procore shows:")
                      << Qt::endl;
        });
    });
    connect(m_auth, &ProcoreAuth::signedIn, this, [this] {
        m_err << tr("Signed in to Procore (%1).").arg(m_environment.displayName()) << Qt::endl;
        done(Success);
    });
    connect(m_auth, &ProcoreAuth::signInFailed, this,
            [this](const ProcoreError &error) { fail(error.message); });
    connect(m_auth, &ProcoreAuth::errorOccurred, this,
            [this](const ProcoreError &error) { m_err << error.message << Qt::endl; });
    m_auth->signIn(pasteCode ? ProcoreAuth::SignInMode::OutOfBand
                             : ProcoreAuth::SignInMode::SystemBrowser);
}

void CliRunner::signOut()
{
    // Restore first so the stored grant is known, revoked and wiped; then sign out whatever
    // the restore found, with the same wipe as the window: offline copies and the sign-in
    // window's profile go too.
    auto *wipe = new SignOutWipe(m_auth,
                                 {ProjectCache::defaultDirectory(),
                                  LoginProfile::defaultDir(m_environment.key()),
                                  DrawingStore::defaultRoot()},
                                 {}, this);
    auto proceed = [wipe] {
        wipe->start();
    };
    connect(m_auth, &ProcoreAuth::signedIn, wipe, proceed);
    connect(m_auth, &ProcoreAuth::signInNeeded, wipe, proceed);
    connect(wipe, &SignOutWipe::finished, this, [this](const QStringList &leftovers) {
        if (!leftovers.isEmpty())
            return fail(
                tr("Not fully signed out of Procore (%1): these could not be deleted: %2. Run "
                   "\"%3 --sign-out\" again.")
                    .arg(m_environment.displayName(), leftovers.join(QStringLiteral(", ")),
                         AppInfo::executableName()));
        m_err << tr("Signed out of Procore (%1).").arg(m_environment.displayName()) << Qt::endl;
        done(Success);
    });
    m_auth->restore();
}
