#pragma once

#include "model/drawing.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// A sheet kept on disk: what the list said of it when it was downloaded, and the file's check.
struct StoredSheet
{
    qint64 drawingId = 0;
    qint64 areaId = 0;
    QString number;
    QString title;
    QString discipline;
    qint64 revisionId = 0;
    QString revisionNumber;
    QDateTime updatedAt; // the revision's, UTC
    qint64 size = 0;
    QByteArray md5;       // hex
    QDateTime lastViewed; // invalid: never opened
};

// One project's offline drawing set: the areas, the stored sheets and when it was synced.
struct StoredProject
{
    QString projectName;
    QList<DrawingArea> areas;
    QList<StoredSheet> sheets;
    QDateTime syncedAt; // UTC
};

// The offline drawings on disk: one folder per environment, user, company and project under
// <AppDataLocation>/drawings, holding an index (sheets.json) and one PDF per sheet named after
// its drawing and revision, so a new revision never overwrites the one being viewed. Folders
// are 0700 and files 0600. Indexes that are corrupt or of another format are ignored, never
// trusted; a PDF not named by its index is not served. Holds no token.
class DrawingStore final
{
public:
    struct Key
    {
        QString environment; // Environment::key()
        qint64 userId = 0;
        qint64 companyId = 0;
        qint64 projectId = 0;
    };

    explicit DrawingStore(const QString &root = {});
    QString root() const { return m_root; }
    static QString defaultRoot();

    QString projectDir(const Key &key) const;
    static QString fileName(qint64 drawingId, qint64 revisionId);
    // The sheet's PDF, or "" when it is not stored (also when the file went missing).
    QString sheetPath(const Key &key, const StoredSheet &sheet) const;

    std::optional<StoredProject> load(const Key &key) const;
    bool save(const Key &key, const StoredProject &project, QString *error = nullptr) const;
    // Projects of this user and company with a stored set.
    QList<qint64> keptProjects(const Key &companyKey) const;
    bool removeProject(const Key &key) const;
    // Offline, without an account to ask: the users with stored sets in this environment, and
    // the companies of one user holding the project's set.
    QList<qint64> users(const QString &environment) const;
    QList<qint64> companiesHolding(const QString &environment, qint64 userId,
                                   qint64 projectId) const;
    // Deletes the project's PDFs that its index does not name (old revisions, broken downloads)
    // except `.part` files of sheets still in the set, which a sync resumes.
    void removeStrays(const Key &key, const StoredProject &project) const;
    void markViewed(const Key &key, qint64 drawingId, const QDateTime &when) const;

    // Bytes of every PDF and partial download under the root.
    qint64 totalBytes() const;
    // Deletes least recently viewed sheets (never viewed: oldest sync first) of every project
    // until the store holds at most `limitBytes`; `last` is spared as long as others remain.
    // Returns how many sheets went.
    int evictTo(qint64 limitBytes, const Key &last) const;
    // Sign-out: everything under the root.
    bool clearAll() const;

private:
    QString m_root;
};
