#pragma once

#include <QAbstractProxyModel>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QStringView>

class ProjectListModel;

// Search and sort on top of ProjectListModel. The search is case-insensitive substring
// matching of every typed word against name, number and city (no regular expressions); the
// default order is active projects first, then by name in natural order.
//
// Not a QSortFilterProxyModel, on purpose: with 20,000 rows QSFPM re-sorts the matches on
// every keystroke and maps every appended page row by row (hundreds of scattered inserts per
// page). Here the full sorted order is kept and merged with each new page, so a keystroke is
// one linear pass and a page one merge; both end in a single layoutChanged, as
// QSortFilterProxyModel::invalidate() does.
class ProjectFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectFilterModel)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
public:
    enum class ActiveFilter { All, ActiveOnly, InactiveOnly };
    Q_ENUM(ActiveFilter)

    explicit ProjectFilterModel(QObject *parent = nullptr);
    ~ProjectFilterModel() override;

    // Only a ProjectListModel can be the source; any other model is refused (no rows).
    void setSourceModel(QAbstractItemModel *model) override;

    QString filterText() const { return m_text; }
    void setFilterText(const QString &text);
    ActiveFilter activeFilter() const { return m_activeFilter; }
    void setActiveFilter(ActiveFilter filter);
    // Active projects above inactive ones whatever the sort column and order (default on).
    bool activeFirst() const { return m_activeFirst; }
    void setActiveFirst(bool on);

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // The source row of a proxy row, or -1.
    int sourceRow(int proxyRow) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

signals:
    void filterTextChanged(const QString &text);

private:
    bool before(int a, int b) const;
    bool accepts(int sourceRow) const;
    static bool containsWord(QStringView key, QStringView word);
    // Recomputes the visible rows from m_order inside one layout change; `order` runs
    // between the two signals and may change m_order. With `candidates` (source rows in
    // display order, a superset of the new result) only those are looked at.
    template<typename Reorder> void relayout(Reorder order, const QList<int> *candidates = nullptr);
    void sortAll();
    void mergeRows(QList<int> rows);
    void rebuildFromScratch();

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<ProjectListModel> m_projects;
    QList<int> m_order;      // every source row, in display order
    QList<int> m_rows;       // proxy row -> source row (m_order filtered)
    QList<int> m_proxyRowOf; // source row -> proxy row, -1 when filtered out
    QString m_text;
    QStringList m_words; // case-folded
    ActiveFilter m_activeFilter = ActiveFilter::All;
    bool m_activeFirst = true;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<QMetaObject::Connection> m_connections;
};
