#pragma once

#include <QByteArray>
#include <QCache>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

struct Dataset;

struct DrawingRevision
{
    qint64 id = 0;
    int number = 0;
    qint64 updatedAt = 0; // Unix seconds
    qsizetype pdfSize = 0;
};

struct DrawingSheet
{
    qint64 id = 0;
    QString number; // "A-101"
    QString title;
    QString discipline;
    int pages = 2;
    DrawingRevision revision;
};

struct DrawingArea
{
    qint64 id = 0;
    QString name;
    QList<DrawingSheet> sheets;
};

// Every project's drawing areas, sheets and current revisions, made up from the seed the first
// time they are asked for, and the PDF of each revision. IDs encode where they belong, so an
// area or revision ID known from an earlier run of the emulator still finds its project. A
// project's revisions change only through revise() (the control API), like a new set issued
// between two syncs.
class DrawingCatalog final
{
public:
    DrawingCatalog();
    // sheetsPerProject 0: no project has drawings.
    void configure(quint64 seed, int projectsPerCompany, int sheetsPerProject,
                   qsizetype sheetBytes);

    struct ProjectRef
    {
        int companyIndex = -1;
        int projectIndex = -1;
    };
    // The project's areas (generated on first use); empty when it has no drawings.
    const QList<DrawingArea> &areas(const Dataset &data, qint64 projectId);
    // Where an area or a revision belongs, and the item itself; nullopt/nullptr when unknown.
    std::optional<ProjectRef> projectOfArea(qint64 areaId) const;
    const DrawingArea *area(const Dataset &data, qint64 areaId);
    const DrawingSheet *sheetOfRevision(const Dataset &data, qint64 revisionId,
                                        qint64 *projectId = nullptr);
    // A new current revision for the first `count` sheets of the project; how many changed.
    int revise(const Dataset &data, qint64 projectId, int count, qint64 now);
    // The revision's PDF, exactly pdfSize bytes.
    QByteArray pdf(const DrawingSheet &sheet);

private:
    QList<DrawingArea> generate(int companyIndex, int projectIndex) const;
    std::optional<ProjectRef> locate(const Dataset &data, qint64 projectId);
    qint64 projectIdOf(const Dataset &data, ProjectRef ref) const;

    quint64 m_seed = 1;
    int m_projectsPerCompany = 150;
    int m_sheets = 12;
    qsizetype m_sheetBytes = 48 * 1024;
    QHash<qint64, QList<DrawingArea>> m_byProject;
    QHash<qint64, ProjectRef> m_index; // project ID -> where it is in the Dataset, built once
    QCache<qint64, QByteArray> m_pdfs; // by revision ID; cost in bytes
};
