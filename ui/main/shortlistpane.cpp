#include "shortlistpane.h"

#include "model/projectlistmodel.h"
#include "session/projectshortlists.h"

#include <QHeaderView>

namespace {
constexpr int maxVisibleRows = 12;
constexpr int idRole = Qt::UserRole + 1;
} // namespace

ShortlistPane::ShortlistPane(ProjectShortlists *shortlists, ProjectListModel *projects,
                             QWidget *parent)
    : QTreeWidget(parent)
    , m_shortlists(shortlists)
    , m_projects(projects)
{
    setHeaderHidden(true);
    setColumnCount(1);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setTextElideMode(Qt::ElideRight);
    setAccessibleName(tr("Favourites and recent projects"));
    setAccessibleDescription(tr("Enter opens the project's row in the list; Ctrl+1 to Ctrl+9 "
                                "jump to the first nine favourites"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    connect(m_shortlists, &ProjectShortlists::changed, this, &ShortlistPane::rebuild);
    // Names appear as the list fills or is replaced; a handful of hash look-ups each time.
    connect(m_projects, &QAbstractItemModel::modelReset, this, &ShortlistPane::rebuild);
    connect(m_projects, &QAbstractItemModel::rowsInserted, this, &ShortlistPane::rebuild);
    connect(m_projects, &QAbstractItemModel::rowsRemoved, this, &ShortlistPane::rebuild);
    connect(m_projects, &QAbstractItemModel::dataChanged, this, &ShortlistPane::rebuild);
    const auto choose = [this](QTreeWidgetItem *item) {
        const qint64 id = item ? item->data(0, idRole).toLongLong() : 0;
        if (id > 0 && m_projects->indexOfProject(id) >= 0)
            emit projectChosen(id);
    };
    connect(this, &QTreeWidget::itemClicked, this, choose);
    connect(this, &QTreeWidget::itemActivated, this, choose);
    rebuild();
}

void ShortlistPane::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    rebuild();
}

QStringList ShortlistPane::entries(const QString &group) const
{
    QStringList texts;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *top = topLevelItem(i);
        if (top->text(0) != group)
            continue;
        for (int child = 0; child < top->childCount(); ++child)
            texts.append(top->child(child)->text(0));
    }
    return texts;
}

void ShortlistPane::addGroup(const QString &title, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    auto *group = new QTreeWidgetItem(this, {title});
    group->setFlags(Qt::ItemIsEnabled);
    QFont bold = font();
    bold.setBold(true);
    group->setFont(0, bold);
    for (qint64 id : ids) {
        auto *item = new QTreeWidgetItem(group);
        item->setData(0, idRole, id);
        const int row = m_projects->indexOfProject(id);
        if (row >= 0) {
            // Project names are server text: a QTreeWidgetItem never renders markup.
            item->setText(0, m_projects->projectAt(row).title());
            continue;
        }
        item->setText(0, m_loading ? tr("Project %1 (loading…)").arg(id)
                                   : tr("Project %1 — no longer available").arg(id));
        item->setToolTip(0, m_loading ? tr("Not in the list yet")
                                      : tr("This project is no longer in your list for this "
                                           "company: it was removed or you lost access."));
        item->setFlags(Qt::ItemIsSelectable); // greyed: shown, not enabled
    }
}

void ShortlistPane::rebuild()
{
    clear();
    addGroup(tr("Favourites"), m_shortlists->favourites());
    addGroup(tr("Recent projects"), m_shortlists->recent());
    expandAll();
    int rows = 0;
    for (int i = 0; i < topLevelItemCount(); ++i)
        rows += 1 + topLevelItem(i)->childCount();
    setVisible(rows > 0);
    const int rowHeight = fontMetrics().height() + 6;
    setFixedHeight(qMin(rows, maxVisibleRows) * rowHeight + 2 * frameWidth());
}
