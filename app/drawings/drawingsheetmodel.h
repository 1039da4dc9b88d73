#pragma once

#include "drawingstore.h"

#include "model/drawing.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSortFilterProxyModel>

// A project's sheets for the drawings window: Procore's current list when it came, the stored
// set when offline, and for each sheet whether it is on this computer and whether that copy is
// the current revision.
class DrawingSheetModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingSheetModel)
public:
    enum Column {
        NumberColumn,
        TitleColumn,
        DisciplineColumn,
        RevisionColumn,
        OfflineColumn,
        ColumnCount
    };
    enum Role { DrawingIdRole = Qt::UserRole + 1, AreaIdRole, StoredRole, OutdatedRole };
    enum class Copy { None, Current, Outdated };

    struct Sheet
    {
        qint64 drawingId = 0;
        qint64 areaId = 0;
        QString number;
        QString title;
        QString discipline;
        QString revision;       // Procore's current revision, or the stored one offline
        QString storedRevision; // of the copy on this computer
        qint64 pdfSize = -1;
        Copy copy = Copy::None;
    };

    explicit DrawingSheetModel(QObject *parent = nullptr);

    // Procore's list, matched against what is stored.
    void setListed(const QList<DrawingArea> &areas, const QList<Drawing> &drawings,
                   const std::optional<StoredProject> &stored);
    // Offline: the stored set alone.
    void setStored(const StoredProject &stored);
    QList<DrawingArea> areas() const { return m_areas; }
    const Sheet &sheetAt(int row) const { return m_sheets.at(row); }
    int rowOf(qint64 drawingId) const;
    // Sum of the announced sizes: what keeping the set offline would take.
    qint64 estimatedBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<DrawingArea> m_areas;
    QList<Sheet> m_sheets;
};

// One area (0: all) and a search over sheet number and title.
class DrawingSheetFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingSheetFilter)
public:
    explicit DrawingSheetFilter(QObject *parent = nullptr);
    void setArea(qint64 areaId);
    void setSearch(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    qint64 m_areaId = 0;
    QString m_search;
};
