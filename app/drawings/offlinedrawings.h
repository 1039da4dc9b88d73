#pragma once

#include "drawingstore.h"
#include "drawingsync.h"

#include "common/procoreerror.h"
#include "model/drawing.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class ApiClient;
class ProjectDrawingsJob;
class QNetworkAccessManager;

// The drawings of the signed-in user's current company, for the window and the terminal:
// Procore's current list of a project, the sets kept offline (which projects, which sheets,
// their files) and one sync per project at a time. Headless; the window draws its signals.
class OfflineDrawings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineDrawings)
public:
    // The store's size limit in QSettings, in bytes (default 2 GiB).
    static constexpr const char *LimitSetting = "drawings/limitBytes";
    static constexpr qint64 DefaultLimitBytes = 2LL * 1024 * 1024 * 1024;

    // `api` and `network` are not owned and must outlive this object.
    OfflineDrawings(ApiClient *api, QNetworkAccessManager *network, const QString &environmentKey,
                    const QString &root = {}, QObject *parent = nullptr);
    ~OfflineDrawings() override;

    // Whose drawings: cancels what runs for the previous account.
    void setAccount(qint64 userId, qint64 companyId, const QString &companyName);
    DrawingStore store() const { return m_store; }
    DrawingStore::Key key(qint64 projectId) const;
    static qint64 limitBytes();
    DrawingSync::Options &syncOptions() { return m_options; }

    // Procore's current list; listed() answers (with the error when offline).
    void list(qint64 projectId);
    std::optional<StoredProject> stored(qint64 projectId) const;
    QSet<qint64> keptProjects() const { return m_kept; }
    bool isKept(qint64 projectId) const { return m_kept.contains(projectId); }
    // The stored PDF of a sheet, "" when there is none.
    QString sheetFile(qint64 projectId, qint64 drawingId) const;
    void markViewed(qint64 projectId, qint64 drawingId);

    // Keeps the project's current set offline, or brings it up to date.
    void sync(qint64 projectId, const QString &projectName);
    void cancelSync(qint64 projectId);
    bool isSyncing(qint64 projectId) const { return m_syncs.contains(projectId); }
    // Stops keeping it: its files go.
    void removeOffline(qint64 projectId);
    // Sign-out: every stored drawing of every account goes.
    void clear();

signals:
    void listed(qint64 projectId, const QList<DrawingArea> &areas, const QList<Drawing> &drawings,
                const ProcoreError &error);
    void syncPlanned(qint64 projectId, int sheets, qint64 bytes);
    void syncProgress(qint64 projectId, qint64 doneBytes, qint64 plannedBytes);
    void syncFinished(qint64 projectId, const DrawingSync::Summary &summary,
                      const ProcoreError &error);
    void keptChanged();

private:
    void reloadKept();
    void cancelAll();

    ApiClient *m_api;
    QNetworkAccessManager *m_network;
    QString m_environment;
    DrawingStore m_store;
    DrawingSync::Options m_options;
    qint64 m_userId = 0;
    qint64 m_companyId = 0;
    QString m_companyName;
    QSet<qint64> m_kept;
    QHash<qint64, QPointer<DrawingSync>> m_syncs;
    QHash<qint64, QPointer<ProjectDrawingsJob>> m_listings;
};
