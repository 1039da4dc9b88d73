#include "projectfiltermodel.h"

#include "projectlistmodel.h"
#include "sortkey.h"

#include <algorithm>
#include <numeric>

ProjectFilterModel::ProjectFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_sortColumn(ProjectListModel::NameColumn)
{}

ProjectFilterModel::~ProjectFilterModel() = default;

void ProjectFilterModel::setSourceModel(QAbstractItemModel *model)
{
    auto *projects = qobject_cast<ProjectListModel *>(model);
    beginResetModel();
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_projects = projects;
    QAbstractProxyModel::setSourceModel(projects);
    if (projects) {
        // ProjectListModel changes by reset, append at the end, or dataChanged (a page that
        // updates known projects); nothing else.
        m_connections = {
            connect(projects, &QAbstractItemModel::modelAboutToBeReset, this,
                    &ProjectFilterModel::beginResetModel),
            connect(projects, &QAbstractItemModel::modelReset, this,
                    [this] {
                        rebuildFromScratch();
                        endResetModel();
                    }),
            connect(projects, &QAbstractItemModel::rowsInserted, this,
                    &ProjectFilterModel::onRowsInserted),
            connect(projects, &QAbstractItemModel::dataChanged, this,
                    &ProjectFilterModel::onDataChanged),
            connect(projects, &QObject::destroyed, this,
                    [this] {
                        beginResetModel();
                        m_order.clear();
                        m_rows.clear();
                        m_proxyRowOf.clear();
                        endResetModel();
                    }),
        };
    }
    rebuildFromScratch();
    endResetModel();
}

void ProjectFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    const QStringList words =
        SortKey::search(text.simplified()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words != m_words) {
        // Typing on narrows the search: when every old word is inside some new word, only
        // the rows shown now can still match, so a keystroke looks at those instead of all.
        const bool narrows = std::all_of(m_words.cbegin(), m_words.cend(), [&](const QString &old) {
            return std::any_of(words.cbegin(), words.cend(),
                               [&](const QString &word) { return word.contains(old); });
        });
        m_words = words;
        if (narrows) {
            const QList<int> shown = m_rows;
            relayout([] {}, &shown);
        } else {
            relayout([] {});
        }
    }
    emit filterTextChanged(m_text);
}

void ProjectFilterModel::setActiveFilter(ActiveFilter filter)
{
    if (filter == m_activeFilter)
        return;
    m_activeFilter = filter;
    relayout([] {});
}

void ProjectFilterModel::setActiveFirst(bool on)
{
    if (on == m_activeFirst)
        return;
    m_activeFirst = on;
    relayout([this] { sortAll(); });
}

void ProjectFilterModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ProjectListModel::ColumnCount)
        column = ProjectListModel::NameColumn;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    relayout([this] { sortAll(); });
}

int ProjectFilterModel::sourceRow(int proxyRow) const
{
    return proxyRow >= 0 && proxyRow < m_rows.size() ? m_rows.at(proxyRow) : -1;
}

bool ProjectFilterModel::before(int a, int b) const
{
    const ProjectListModel &m = *m_projects;
    if (m_activeFirst && m_sortColumn != ProjectListModel::ActiveColumn) {
        const bool activeA = m.isActive(a);
        if (activeA != m.isActive(b))
            return activeA;
    }
    int c = m.compareRows(m_sortColumn, a, b);
    if (m_sortOrder == Qt::DescendingOrder)
        c = -c;
    if (c == 0 && m_sortColumn != ProjectListModel::NameColumn)
        c = m.compareRows(ProjectListModel::NameColumn, a, b);
    if (c == 0)
        return m.projectAt(a).id < m.projectAt(b).id;
    return c < 0;
}

bool ProjectFilterModel::accepts(int sourceRow) const
{
    if (m_activeFilter != ActiveFilter::All &&
        m_projects->isActive(sourceRow) != (m_activeFilter == ActiveFilter::ActiveOnly))
        return false;
    const QString &key = m_projects->searchKey(sourceRow);
    for (const QString &word : m_words) {
        if (!containsWord(key, word))
            return false;
    }
    return true;
}

bool ProjectFilterModel::containsWord(QStringView key, QStringView word)
{
    // QString::contains hashes every position of the key; for the few letters a person types
    // it is quicker to let the vectorised search for the first letter skip ahead and compare
    // the rest only where it lands.
    if (word.isEmpty())
        return true;
    const QChar first = word.front();
    const QStringView rest = word.mid(1);
    const qsizetype last = key.size() - word.size();
    for (qsizetype from = 0; from <= last;) {
        const qsizetype at = key.indexOf(first, from);
        if (at < 0 || at > last)
            return false;
        if (key.mid(at + 1, rest.size()) == rest)
            return true;
        from = at + 1;
    }
    return false;
}

template<typename Reorder>
void ProjectFilterModel::relayout(Reorder reorder, const QList<int> *candidates)
{
    if (!m_projects)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<int> persistentSource;
    persistentSource.reserve(persistent.size());
    for (const QModelIndex &index : persistent)
        persistentSource.append(m_rows.value(index.row(), -1));

    reorder();
    m_rows.clear();
    m_rows.reserve(candidates ? candidates->size() : m_order.size());
    m_proxyRowOf.fill(-1, m_projects->rowCount());
    for (const int row : candidates ? *candidates : std::as_const(m_order)) {
        if (accepts(row)) {
            m_proxyRowOf[row] = int(m_rows.size());
            m_rows.append(row);
        }
    }

    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (qsizetype i = 0; i < persistent.size(); ++i) {
        const int source = persistentSource.at(i);
        const int proxy = source >= 0 ? m_proxyRowOf.value(source, -1) : -1;
        moved.append(proxy >= 0 ? createIndex(proxy, persistent.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(persistent, moved);
    emit layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
}

void ProjectFilterModel::sortAll()
{
    m_order.resize(m_projects->rowCount());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::sort(m_order.begin(), m_order.end(), [this](int a, int b) { return before(a, b); });
}

void ProjectFilterModel::mergeRows(QList<int> rows)
{
    const auto less = [this](int a, int b) {
        return before(a, b);
    };
    std::sort(rows.begin(), rows.end(), less);
    // A page is a few hundred rows against thousands: find each one's place by binary search
    // and copy the stretches in between, instead of comparing along the whole order.
    QList<int> merged;
    merged.reserve(m_order.size() + rows.size());
    auto from = m_order.cbegin();
    for (const int row : std::as_const(rows)) {
        const auto to = std::upper_bound(from, m_order.cend(), row, less);
        merged.append(from, to);
        merged.append(row);
        from = to;
    }
    merged.append(from, m_order.cend());
    m_order = std::move(merged);
}

void ProjectFilterModel::rebuildFromScratch()
{
    m_order.clear();
    m_rows.clear();
    m_proxyRowOf.clear();
    if (!m_projects)
        return;
    sortAll();
    m_proxyRowOf.fill(-1, m_projects->rowCount());
    for (const int row : std::as_const(m_order)) {
        if (accepts(row)) {
            m_proxyRowOf[row] = int(m_rows.size());
            m_rows.append(row);
        }
    }
}

void ProjectFilterModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (first != m_order.size()) {
        // Only appends keep existing source rows where they were; anything else starts over.
        beginResetModel();
        rebuildFromScratch();
        endResetModel();
        return;
    }
    QList<int> added(last - first + 1);
    std::iota(added.begin(), added.end(), first);
    relayout([this, &added] { mergeRows(std::move(added)); });
}

void ProjectFilterModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    const int first = topLeft.row();
    const int last = bottomRight.row();
    relayout([this, first, last] {
        // Take the changed rows out of the order and merge them back at their new places.
        QList<int> changed;
        m_order.removeIf([&](int row) {
            const bool hit = row >= first && row <= last;
            if (hit)
                changed.append(row);
            return hit;
        });
        mergeRows(std::move(changed));
    });
    int top = int(m_rows.size());
    int bottom = -1;
    for (int row = first; row <= last; ++row) {
        const int proxy = m_proxyRowOf.value(row, -1);
        if (proxy >= 0) {
            top = std::min(top, proxy);
            bottom = std::max(bottom, proxy);
        }
    }
    if (bottom >= 0)
        emit dataChanged(index(top, 0), index(bottom, columnCount() - 1));
}

QModelIndex ProjectFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 ||
        column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex ProjectFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex ProjectFilterModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int ProjectFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProjectFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_projects ? 0 : m_projects->columnCount();
}

bool ProjectFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty();
}

QModelIndex ProjectFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_projects || !proxyIndex.isValid() || proxyIndex.model() != this ||
        proxyIndex.row() >= m_rows.size())
        return {};
    return m_projects->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex ProjectFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_projects || !sourceIndex.isValid() || sourceIndex.model() != m_projects)
        return {};
    const int proxy = m_proxyRowOf.value(sourceIndex.row(), -1);
    return proxy < 0 ? QModelIndex() : createIndex(proxy, sourceIndex.column());
}
