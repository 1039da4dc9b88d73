#include "drawingsheetmodel.h"

#include <QLocale>

DrawingSheetModel::DrawingSheetModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DrawingSheetModel::setListed(const QList<DrawingArea> &areas, const QList<Drawing> &drawings,
                                  const std::optional<StoredProject> &stored)
{
    QHash<qint64, StoredSheet> copies;
    if (stored) {
        for (const StoredSheet &sheet : stored->sheets)
            copies.insert(sheet.drawingId, sheet);
    }
    beginResetModel();
    m_areas = areas;
    m_sheets.clear();
    for (const Drawing &d : drawings) {
        Sheet sheet{d.id, d.areaId,           d.number,  d.title, d.discipline, d.revision.number,
                    {},   d.revision.pdfSize, Copy::None};
        if (const auto copy = copies.constFind(d.id); copy != copies.cend()) {
            sheet.storedRevision = copy->revisionNumber;
            sheet.copy = copy->revisionId == d.revision.id ? Copy::Current : Copy::Outdated;
        }
        m_sheets.append(sheet);
    }
    endResetModel();
}

void DrawingSheetModel::setStored(const StoredProject &stored)
{
    beginResetModel();
    m_areas = stored.areas;
    m_sheets.clear();
    for (const StoredSheet &s : stored.sheets)
        m_sheets.append({s.drawingId, s.areaId, s.number, s.title, s.discipline, s.revisionNumber,
                         s.revisionNumber, s.size, Copy::Current});
    endResetModel();
}

int DrawingSheetModel::rowOf(qint64 drawingId) const
{
    for (int row = 0; row < m_sheets.size(); ++row) {
        if (m_sheets.at(row).drawingId == drawingId)
            return row;
    }
    return -1;
}

qint64 DrawingSheetModel::estimatedBytes() const
{
    qint64 total = 0;
    for (const Sheet &sheet : m_sheets)
        total += std::max<qint64>(0, sheet.pdfSize);
    return total;
}

int DrawingSheetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sheets.size());
}

int DrawingSheetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrawingSheetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_sheets.size())
        return {};
    const Sheet &s = m_sheets.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return s.number;
        case TitleColumn:
            return s.title;
        case DisciplineColumn:
            return s.discipline;
        case RevisionColumn:
            return s.revision;
        case OfflineColumn:
            return s.copy == Copy::Current    ? tr("On this computer")
                   : s.copy == Copy::Outdated ? tr("Older revision (%1)").arg(s.storedRevision)
                                              : QString();
        }
        return {};
    case DrawingIdRole:
        return s.drawingId;
    case AreaIdRole:
        return s.areaId;
    case StoredRole:
        return s.copy != Copy::None;
    case OutdatedRole:
        return s.copy == Copy::Outdated;
    }
    return {};
}

QVariant DrawingSheetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Sheet");
    case TitleColumn:
        return tr("Title");
    case DisciplineColumn:
        return tr("Discipline");
    case RevisionColumn:
        return tr("Revision");
    case OfflineColumn:
        return tr("Offline");
    }
    return {};
}

DrawingSheetFilter::DrawingSheetFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void DrawingSheetFilter::setArea(qint64 areaId)
{
    m_areaId = areaId;
    invalidateFilter();
}

void DrawingSheetFilter::setSearch(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool DrawingSheetFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const DrawingSheetModel *>(sourceModel());
    const DrawingSheetModel::Sheet &sheet = model->sheetAt(sourceRow);
    if (m_areaId != 0 && sheet.areaId != m_areaId)
        return false;
    return m_search.isEmpty() || sheet.number.contains(m_search, Qt::CaseInsensitive) ||
           sheet.title.contains(m_search, Qt::CaseInsensitive);
}
