#include "projectlanding.h"

#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>

ProjectLanding::ProjectLanding(ProjectListModel *projects, ProjectFilterModel *filter,
                               QTableView *table, QLineEdit *search, QComboBox *status,
                               QObject *parent)
    : QObject(parent)
    , m_projects(projects)
    , m_filter(filter)
    , m_table(table)
    , m_search(search)
    , m_status(status)
{
    // The view keeps its scroll offset when rows merge in or the list is replaced: the landed
    // row would drift out of sight while the pages of a company switch arrive.
    // Queued: after the view itself has handled the change.
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ProjectLanding::recentre,
            Qt::QueuedConnection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ProjectLanding::recentre,
            Qt::QueuedConnection);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ProjectLanding::recentre,
            Qt::QueuedConnection);
    // Anything the person does in the table or the filters is theirs to keep.
    m_table->viewport()->installEventFilter(this);
    m_table->installEventFilter(this);
    m_table->verticalScrollBar()->installEventFilter(this);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_target = 0; });
    connect(m_status, &QComboBox::activated, this, [this] { m_target = 0; });
}

bool ProjectLanding::land(qint64 projectId, bool takeFocus)
{
    m_target = 0;
    if (!selectRow(projectId, true))
        return false;
    m_target = projectId;
    // A link at first launch lands before the window is shown: focus it once it is.
    m_focusPending = takeFocus && !m_table->isVisible();
    if (takeFocus && !m_focusPending)
        m_table->setFocus(Qt::OtherFocusReason);
    return true;
}

bool ProjectLanding::select(qint64 projectId)
{
    return selectRow(projectId, projectId == m_target);
}

bool ProjectLanding::selectRow(qint64 projectId, bool clearFilters)
{
    const int sourceRow = m_projects->indexOfProject(projectId);
    if (sourceRow < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_projects->index(sourceRow, 0));
    if (!index.isValid() && clearFilters) {
        m_clearing = true;
        m_search->clear();
        m_status->setCurrentIndex(0);
        m_clearing = false;
        index = m_filter->mapFromSource(m_projects->index(sourceRow, 0));
        if (index.isValid())
            emit filterCleared(projectId);
    }
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    emit selected();
    return true;
}

void ProjectLanding::recentre()
{
    if (m_target == 0 || m_clearing)
        return;
    const int sourceRow = m_projects->indexOfProject(m_target);
    const QModelIndex index =
        sourceRow < 0 ? QModelIndex() : m_filter->mapFromSource(m_projects->index(sourceRow, 0));
    if (!index.isValid())
        return; // not (yet) in this list, or filtered out by the person: leave it be
    if (m_table->currentIndex().row() != index.row())
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    if (m_focusPending && m_table->isVisible()) {
        m_focusPending = false;
        m_table->setFocus(Qt::OtherFocusReason);
    }
}

bool ProjectLanding::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::KeyPress:
        m_target = 0;
        m_focusPending = false;
        break;
    case QEvent::Resize:
        // First show of a window opened by a link: centre in the real viewport.
        if (watched == m_table->viewport())
            QMetaObject::invokeMethod(this, &ProjectLanding::recentre, Qt::QueuedConnection);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
