#pragma once

#include "project.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <functional>

// One row of ProjectListModel: the project and the keys computed from it once. Relocatable, so
// the row list grows by memcpy.
struct ProjectListRow
{
    Project project;
    QString searchKey;
    QString nameKey;
};
Q_DECLARE_TYPEINFO(ProjectListRow, Q_RELOCATABLE_TYPE);

// What sorting touches most, kept apart from the rows in one small contiguous array: a sort
// of 20,000 rows then stays in the CPU cache instead of chasing each row and its key.
struct ProjectSortHint
{
    // The name key's first 16 code units, one byte each, in order; packing stops at the first
    // unit that does not fit a byte (0xff marks it) so equal hints only ever mean "compare the
    // full keys".
    quint64 name[2] = {0, 0};
    bool active = true;
};
Q_DECLARE_TYPEINFO(ProjectSortHint, Q_PRIMITIVE_TYPE);

// The project table. Rows keep the projects in arrival order; ProjectFilterModel sorts and
// filters on top. Search and sort keys are computed once per row (not per comparison) so a
// 20,000-row list filters within a keystroke.
class ProjectListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectListModel)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Column {
        NameColumn,
        NumberColumn,
        LocationColumn,
        StageColumn,
        ActiveColumn,
        ColumnCount
    };
    enum Role {
        ProjectRole = Qt::UserRole + 1, // Project
        IdRole,                         // qint64
        ActiveRole,                     // bool
        KeptOfflineRole,                // bool: its drawings are kept offline (a badge)
    };
    Q_ENUM(Column)

    explicit ProjectListModel(QObject *parent = nullptr);
    ~ProjectListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces everything (one model reset).
    void setProjects(const QList<Project> &projects);
    // Adds one page: projects with a known ID update their row in place, the others are
    // inserted at the end in one beginInsertRows/endInsertRows.
    void appendProjects(const QList<Project> &projects);
    void clear();

    int count() const { return int(m_rows.size()); }
    // Whether a project is a favourite: the star is only painted, so the name cell tells screen
    // readers in its accessible description. Call favouritesChanged() when the answer changes.
    void setFavouriteCheck(std::function<bool(qint64)> check) { m_isFavourite = std::move(check); }
    void favouritesChanged();
    // Whether a project's drawings are kept offline (the badge, and the description).
    void setOfflineCheck(std::function<bool(qint64)> check) { m_isOffline = std::move(check); }
    void offlineChanged();
    // Row of the project with this ID, or -1.
    int indexOfProject(qint64 id) const;
    const Project &projectAt(int row) const { return m_rows.at(row).project; }
    QList<Project> projects() const;

    // For ProjectFilterModel: the case-folded "name number city" text of a row, and a
    // three-way comparison of two rows on a column using precomputed keys.
    const QString &searchKey(int row) const { return m_rows.at(row).searchKey; }
    bool isActive(int row) const { return m_hints.at(row).active; }
    int compareRows(int column, int left, int right) const;

signals:
    void countChanged();

private:
    using Row = ProjectListRow;
    static Row makeRow(const Project &project);
    static ProjectSortHint hintFor(const Row &row);
    const QString &lazyKey(int column, int row) const;
    void dropLazyKeys();

    QList<Row> m_rows;
    QList<ProjectSortHint> m_hints; // one per row
    QHash<qint64, int> m_rowOfId;
    // Sort keys of the less used columns, built for all rows the first time they are needed.
    mutable std::array<QList<QString>, ColumnCount> m_lazyKeys;
    std::function<bool(qint64)> m_isFavourite;
    std::function<bool(qint64)> m_isOffline;
};
