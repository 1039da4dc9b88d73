#pragma once

#include "drawingstore.h"

#include "common/procoreerror.h"
#include "model/drawing.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;
class QNetworkAccessManager;

// Brings a project's current drawing set onto the disk: lists it, skips every sheet whose
// stored revision is the current one, downloads the rest (a few at a time) through the file
// link and storage, then writes the index, drops files of replaced revisions and keeps the
// whole store within its size limit. A dropped download resumes where it stopped (three tries);
// an expired link lists that area again for a fresh one (once). Cancel keeps what is complete
// and the partial files, so the next sync carries on. Finishes exactly once, then deletes
// itself.
class DrawingSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingSync)
public:
    struct Options
    {
        int parallelDownloads = 4;
        qint64 limitBytes = 2LL * 1024 * 1024 * 1024; // the whole store
        int dropRetries = 3;
        int retryDelayMs = 500;
    };
    struct Summary
    {
        int sheets = 0;     // in the current set with a file
        int downloaded = 0; // this run
        int unchanged = 0;  // already stored at the current revision
        int failed = 0;
        int evicted = 0;  // sheets (of any project) removed for the size limit
        qint64 bytes = 0; // over the network
        qint64 plannedBytes = 0;
        qint64 elapsedMs = 0;
    };

    DrawingSync(ApiClient *api, QNetworkAccessManager *network, const DrawingStore &store,
                const DrawingStore::Key &key, const QString &companyName,
                const QString &projectName, const Options &options, QObject *parent = nullptr);
    ~DrawingSync() override;

    void start();
    void cancel();
    DrawingStore::Key key() const { return m_key; }
    Summary summary() const { return m_summary; }

signals:
    // After the listing: what is to be downloaded (the estimate a user sees).
    void planned(int sheets, qint64 bytes);
    void progress(qint64 doneBytes, qint64 plannedBytes);
    void finished(const ProcoreError &error);

private:
    struct Task
    {
        Drawing drawing;
        int drops = 0;
        bool relisted = false;
    };
    void onListed(const QList<DrawingArea> &areas, const QList<Drawing> &drawings);
    void startNext();
    void download(int task, const QUrl &storageUrl);
    void onTaskFailed(int task, const ProcoreError &error);
    void relist(int task);
    void onTaskDone(int task, const StoredSheet &sheet);
    void writeIndex();
    void finish(const ProcoreError &error);
    // Cancels every job still running, without hearing back from them.
    void stopRunning();

    ApiClient *m_api;
    QNetworkAccessManager *m_network;
    DrawingStore m_store;
    DrawingStore::Key m_key;
    QString m_companyName;
    Options m_options;
    StoredProject m_project;               // being built: areas and the sheets kept so far
    QHash<qint64, StoredSheet> m_previous; // by drawing
    QHash<qint64, StoredSheet> m_current;  // by drawing: stored at the listed revision
    QList<Drawing> m_listed;
    QList<Task> m_tasks;
    QList<QPointer<QObject>> m_running;
    int m_next = 0;
    QList<int> m_retry; // tasks to start again (dropped, or with a fresh link)
    int m_active = 0;   // tasks with a request in flight
    int m_waiting = 0;  // tasks waiting out a retry delay
    qint64 m_doneBytes = 0;
    ProcoreError m_firstFailure;
    Summary m_summary;
    QElapsedTimer m_clock;
    bool m_finished = false;
};

Q_DECLARE_METATYPE(DrawingSync::Summary)
