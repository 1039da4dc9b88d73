// CliRunner's drawing commands: --sync-drawings and --list-drawings.
#include "clirunner.h"

#include "api/apiclient.h"
#include "api/mejob.h"
#include "common/appinfo.h"
#include "drawings/offlinedrawings.h"
#include "model/projectcache.h"
#include "session/accountcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {
QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString clip(const QString &text, int width)
{
    return text.size() <= width ? text.leftJustified(width)
                                : text.left(width - 1) + QStringLiteral("…");
}
} // namespace

void CliRunner::syncDrawings(qint64 projectId, qint64 companyId)
{
    withCompany(companyId, [this, projectId](qint64 chosen, const QString &name) {
        MeJob *me = m_api->fetchMe();
        connect(
            me, &ApiJob::finished, this,
            [this, me, projectId, chosen, name](const ProcoreError &error) {
                if (error)
                    return fail(error.message, error.kind == ProcoreError::Kind::SignInNeeded
                                                   ? NotSignedIn
                                                   : Failure);
                DrawingSync::Options options;
                options.limitBytes = OfflineDrawings::limitBytes();
                const DrawingStore::Key key{m_environment.key(), me->user().id, chosen, projectId};
                auto *sync =
                    new DrawingSync(m_api, m_network, DrawingStore(), key, name, {}, options, this);
                connect(sync, &DrawingSync::planned, this, [this](int sheets, qint64 bytes) {
                    if (sheets > 0)
                        m_err << tr("Downloading %n sheet(s), about %1…", nullptr, sheets)
                                     .arg(bytesText(bytes))
                              << Qt::endl;
                });
                connect(sync, &DrawingSync::finished, this,
                        [this, sync, projectId, name](const ProcoreError &error) {
                            printDrawingSummary(projectId, name, sync->summary(), error);
                        });
                m_err << tr("Listing the drawings of project %1 in %2…").arg(projectId).arg(name)
                      << Qt::endl;
                sync->start();
            });
    });
}

void CliRunner::printDrawingSummary(qint64 projectId, const QString &companyName,
                                    const DrawingSync::Summary &summary, const ProcoreError &error)
{
    if (error && summary.downloaded + summary.unchanged == 0)
        return fail(error.message,
                    error.kind == ProcoreError::Kind::SignInNeeded ? NotSignedIn : Failure);
    m_out << tr("Project %1 (%2): %n sheet(s) kept offline.", nullptr, summary.sheets)
                 .arg(projectId)
                 .arg(companyName)
          << Qt::endl;
    m_out << tr("  downloaded: %1 (%2)").arg(summary.downloaded).arg(bytesText(summary.bytes))
          << Qt::endl;
    m_out << tr("  skipped as unchanged: %1").arg(summary.unchanged) << Qt::endl;
    if (summary.failed > 0)
        m_out << tr("  failed: %1").arg(summary.failed) << Qt::endl;
    if (summary.evicted > 0)
        m_out << tr("  removed to stay within %1: %2 older sheet(s)")
                     .arg(bytesText(OfflineDrawings::limitBytes()))
                     .arg(summary.evicted)
              << Qt::endl;
    m_out << tr("  time: %1 s").arg(QLocale().toString(summary.elapsedMs / 1000.0, 'f', 1))
          << Qt::endl;
    if (error)
        return fail(error.message);
    done(Success);
}

void CliRunner::listDrawings(qint64 projectId, qint64 companyId, bool json)
{
    const DrawingStore store;
    const QString environment = m_environment.key();
    // Offline: whoever the window or the last sync saw, else the one user with stored sets.
    qint64 userId = 0;
    if (const auto account = AccountCache(ProjectCache::defaultDirectory()).load(environment))
        userId = account->user.id;
    if (const QList<qint64> users = store.users(environment); userId == 0 && users.size() == 1)
        userId = users.constFirst();
    const QList<qint64> companies =
        userId ? store.companiesHolding(environment, userId, projectId) : QList<qint64>();
    const qint64 company = companyId               ? (companies.contains(companyId) ? companyId : 0)
                           : companies.size() == 1 ? companies.constFirst()
                                                   : 0;
    if (company == 0) {
        if (companies.size() > 1 && companyId == 0)
            return fail(tr("Project %1 is kept offline in more than one company; add --company.")
                            .arg(projectId));
        return fail(tr("No drawings of project %1 are kept on this computer. Run \"%2 "
                       "--sync-drawings --project %1\" while online.")
                        .arg(projectId)
                        .arg(AppInfo::executableName()));
    }
    const DrawingStore::Key key{environment, userId, company, projectId};
    const std::optional<StoredProject> project = store.load(key);
    if (json) {
        QJsonArray sheets;
        for (const StoredSheet &sheet : project->sheets)
            sheets.append(
                QJsonObject{{QStringLiteral("id"), QString::number(sheet.drawingId)},
                            {QStringLiteral("number"), sheet.number},
                            {QStringLiteral("title"), sheet.title},
                            {QStringLiteral("discipline"), sheet.discipline},
                            {QStringLiteral("revision"), sheet.revisionNumber},
                            {QStringLiteral("updated_at"), sheet.updatedAt.toString(Qt::ISODate)},
                            {QStringLiteral("size"), sheet.size},
                            {QStringLiteral("file"), store.sheetPath(key, sheet)}});
        m_out << QJsonDocument(
                     QJsonObject{
                         {QStringLiteral("project_id"), QString::number(projectId)},
                         {QStringLiteral("company_id"), QString::number(company)},
                         {QStringLiteral("synced_at"), project->syncedAt.toString(Qt::ISODate)},
                         {QStringLiteral("sheets"), sheets}})
                     .toJson(QJsonDocument::Indented);
        return done(Success);
    }
    qint64 bytes = 0;
    for (const StoredSheet &sheet : project->sheets) {
        const bool present = !store.sheetPath(key, sheet).isEmpty();
        m_out << clip(sheet.number, 10) << ' ' << clip(sheet.title, 40) << ' '
              << clip(sheet.discipline, 14) << ' '
              << clip(tr("rev %1").arg(sheet.revisionNumber), 8) << ' '
              << (present ? bytesText(sheet.size) : tr("missing")) << Qt::endl;
        bytes += present ? sheet.size : 0;
    }
    m_out << tr("%n sheet(s), %1, synced %2", nullptr, int(project->sheets.size()))
                 .arg(bytesText(bytes),
                      QLocale().toString(project->syncedAt.toLocalTime(), QLocale::ShortFormat))
          << Qt::endl;
    done(Success);
}
