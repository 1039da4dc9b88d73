#pragma once

#include <QObject>

class ProjectFilterModel;
class ProjectListModel;
class QAbstractItemView;
class QComboBox;
class QLineEdit;
class QTableView;

// Brings a project into view for a deep link, a favourite or a recent entry: selects its row,
// centres it and gives the table focus, whatever filter was showing. The row stays centred
// while the list is still filling (pages merge in above it, a fresh list replaces the cached
// one, the window gets its first size) until the person moves in the table themselves.
class ProjectLanding final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectLanding)
public:
    ProjectLanding(ProjectListModel *projects, ProjectFilterModel *filter, QTableView *table,
                   QLineEdit *search, QComboBox *status, QObject *parent = nullptr);

    // Selects and centres the project; clears a search or status filter that hides it
    // (filterCleared says so). False when the project is not in the list.
    bool land(qint64 projectId, bool takeFocus);
    // Selects the project without the rest (a list reset keeping the selection).
    bool select(qint64 projectId);
    // The project kept in view, 0 once the person has moved on.
    qint64 target() const { return m_target; }

signals:
    void filterCleared(qint64 projectId);
    void selected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool selectRow(qint64 projectId, bool clearFilters);
    void recentre();

    ProjectListModel *m_projects;
    ProjectFilterModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_status;
    qint64 m_target = 0;
    bool m_clearing = false;
    bool m_focusPending = false;
};
