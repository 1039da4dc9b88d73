#include "projectlistmodel.h"

#include "sortkey.h"

#include <limits>

namespace {
// QToolTip renders anything that looks like markup as rich text; names and addresses are
// whatever a project admin typed into Procore, so they go in escaped.
QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}
} // namespace

ProjectListModel::ProjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

ProjectListModel::~ProjectListModel() = default;

int ProjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Project &p = m_rows.at(index.row()).project;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return p.title();
        case NumberColumn:
            return p.projectNumber;
        case LocationColumn:
            return p.location();
        case StageColumn:
            return p.stageLabel();
        case ActiveColumn:
            return p.active ? tr("Active") : tr("Inactive");
        }
        return {};
    case Qt::AccessibleDescriptionRole: {
        if (index.column() != NameColumn)
            return {};
        QStringList parts;
        if (m_isFavourite)
            parts << (m_isFavourite(p.id) ? tr("Favourite") : tr("Not a favourite"));
        if (m_isOffline && m_isOffline(p.id))
            parts << tr("Drawings kept offline");
        return parts.isEmpty() ? QVariant() : QVariant(parts.join(QStringLiteral(", ")));
    }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !p.displayName.isEmpty() && p.displayName != p.name)
            return plainToolTip(p.displayName);
        if (index.column() == LocationColumn && !p.address.isEmpty())
            return plainToolTip(p.address);
        return {};
    case ProjectRole:
        return QVariant::fromValue(p);
    case IdRole:
        return QVariant::fromValue(p.id);
    case ActiveRole:
        return p.active;
    case KeptOfflineRole:
        return m_isOffline && m_isOffline(p.id);
    }
    return {};
}

QVariant ProjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal ||
        (role != Qt::DisplayRole && role != Qt::AccessibleTextRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case NumberColumn:
        return tr("Number");
    case LocationColumn:
        return role == Qt::ToolTipRole ? tr("City and state") : tr("Location");
    case StageColumn:
        return tr("Stage");
    case ActiveColumn:
        return tr("Status");
    }
    return {};
}

QHash<int, QByteArray> ProjectListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ProjectRole, "project");
    names.insert(IdRole, "projectId");
    names.insert(ActiveRole, "active");
    names.insert(KeptOfflineRole, "keptOffline");
    return names;
}

ProjectListModel::Row ProjectListModel::makeRow(const Project &project)
{
    Row row;
    row.project = project;
    const QString title = project.title();
    row.searchKey = SortKey::search({title, project.projectNumber, project.city});
    row.nameKey = SortKey::natural(title);
    return row;
}

ProjectSortHint ProjectListModel::hintFor(const Row &row)
{
    ProjectSortHint hint;
    hint.active = row.project.active;
    const QString &key = row.nameKey;
    const qsizetype n = std::min<qsizetype>(key.size(), 16);
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = key.at(i).unicode();
        const quint64 byte = c < 0xff ? c : 0xff;
        hint.name[i / 8] |= byte << (8 * (7 - i % 8));
        if (byte == 0xff)
            break;
    }
    return hint;
}

void ProjectListModel::setProjects(const QList<Project> &projects)
{
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    dropLazyKeys();
    m_rows.reserve(projects.size());
    m_rowOfId.reserve(projects.size());
    for (const Project &project : projects) {
        if (m_rowOfId.contains(project.id)) {
            m_rows[m_rowOfId.value(project.id)] = makeRow(project);
            continue;
        }
        m_rowOfId.insert(project.id, int(m_rows.size()));
        m_rows.append(makeRow(project));
    }
    m_hints.clear();
    m_hints.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        m_hints.append(hintFor(row));
    endResetModel();
    emit countChanged();
}

void ProjectListModel::appendProjects(const QList<Project> &projects)
{
    QList<Row> fresh;
    fresh.reserve(projects.size());
    QHash<qint64, int> freshIndex;
    int firstUpdated = std::numeric_limits<int>::max();
    int lastUpdated = -1;
    for (const Project &project : projects) {
        const auto known = m_rowOfId.constFind(project.id);
        if (known != m_rowOfId.cend()) {
            m_rows[*known] = makeRow(project);
            m_hints[*known] = hintFor(m_rows.at(*known));
            firstUpdated = std::min(firstUpdated, *known);
            lastUpdated = std::max(lastUpdated, *known);
            continue;
        }
        const auto repeated = freshIndex.constFind(project.id);
        if (repeated != freshIndex.cend()) {
            fresh[*repeated] = makeRow(project);
            continue;
        }
        freshIndex.insert(project.id, int(fresh.size()));
        fresh.append(makeRow(project));
    }
    if (lastUpdated >= 0) {
        // One signal for the span, not one per row: a re-sync page may touch 300 rows.
        dropLazyKeys();
        emit dataChanged(index(firstUpdated, 0), index(lastUpdated, ColumnCount - 1));
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    dropLazyKeys();
    for (Row &row : fresh) {
        m_rowOfId.insert(row.project.id, int(m_rows.size()));
        m_hints.append(hintFor(row));
        m_rows.append(std::move(row));
    }
    endInsertRows();
    emit countChanged();
}

void ProjectListModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_hints.clear();
    m_rowOfId.clear();
    dropLazyKeys();
    endResetModel();
    emit countChanged();
}

int ProjectListModel::indexOfProject(qint64 id) const
{
    return m_rowOfId.value(id, -1);
}

QList<Project> ProjectListModel::projects() const
{
    QList<Project> out;
    out.reserve(m_rows.size());
    for (const Row &row : m_rows)
        out.append(row.project);
    return out;
}

void ProjectListModel::dropLazyKeys()
{
    for (auto &keys : m_lazyKeys)
        keys.clear();
}

const QString &ProjectListModel::lazyKey(int column, int row) const
{
    QList<QString> &keys = m_lazyKeys[column];
    if (keys.size() != m_rows.size()) {
        keys.clear();
        keys.reserve(m_rows.size());
        for (const Row &r : m_rows) {
            const Project &p = r.project;
            switch (column) {
            case NumberColumn:
                keys.append(SortKey::natural(p.projectNumber));
                break;
            case LocationColumn:
                // City first, then state: "Austin, TX" next to "Austin, MN".
                keys.append(SortKey::natural(p.city + QLatin1Char('\x1f') + p.stateCode));
                break;
            case StageColumn:
                keys.append(SortKey::natural(p.stageLabel()));
                break;
            default:
                keys.append(QString());
            }
        }
    }
    return keys.at(row);
}

int ProjectListModel::compareRows(int column, int left, int right) const
{
    switch (column) {
    case NameColumn: {
        const ProjectSortHint &a = m_hints.at(left);
        const ProjectSortHint &b = m_hints.at(right);
        if (a.name[0] != b.name[0])
            return a.name[0] < b.name[0] ? -1 : 1;
        if (a.name[1] != b.name[1])
            return a.name[1] < b.name[1] ? -1 : 1;
        return m_rows.at(left).nameKey.compare(m_rows.at(right).nameKey);
    }
    case ActiveColumn:
        // Active sorts first in ascending order.
        return int(!m_hints.at(left).active) - int(!m_hints.at(right).active);
    case NumberColumn:
    case LocationColumn:
    case StageColumn:
        return lazyKey(column, left).compare(lazyKey(column, right));
    }
    return 0;
}

void ProjectListModel::favouritesChanged()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, NameColumn), index(int(m_rows.size()) - 1, NameColumn),
                         {Qt::AccessibleDescriptionRole});
}

void ProjectListModel::offlineChanged()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, NameColumn), index(int(m_rows.size()) - 1, NameColumn),
                         {Qt::AccessibleDescriptionRole, KeptOfflineRole});
}
