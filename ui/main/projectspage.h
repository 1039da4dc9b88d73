#pragma once

#include "projecttable.h"

#include <QWidget>

class BannerWidget;
class ProjectDetails;
class ProjectFilterModel;
class ProjectLanding;
class ProjectListModel;
class ProjectShortlists;
class ProjectTools;
class QMenu;
class ShortlistPane;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QTableView;
class QToolButton;
class ProjectDetailsLoader;

// The signed-in view: who and where (user, environment, company), the project table with
// instant search, status filter, sorting and a count, the details of the selected project,
// a banner for problems, and a thin progress bar while Procore answers.
class ProjectsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsPage)
public:
    ProjectsPage(ProjectListModel *projects, ProjectShortlists *shortlists,
                 QWidget *parent = nullptr);

    void setUser(const QString &name, const QString &email);
    void setEnvironmentLabel(const QString &label); // empty for production
    // (id, name) pairs; `current` is selected without emitting companyChosen.
    void setCompanies(const QList<QPair<qint64, QString>> &companies, qint64 current);
    void setLoading(bool loading);
    void setProgress(qint64 received, qint64 total);
    void setSyncNote(const QString &note);

    BannerWidget *banner() const { return m_banner; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    ProjectFilterModel *filterModel() const { return m_filter; }
    ProjectDetails *details() const { return m_details; }
    QSplitter *splitter() const { return m_splitter; }
    QString countText() const;

    // Selects the project, centres its row, focuses the table and shows its details, clearing
    // a search that hides it (with a notice); it stays in view while the list fills.
    bool focusProject(qint64 projectId);
    ProjectLanding *landing() const { return m_landing; }
    ShortlistPane *shortlistPane() const { return m_shortlistPane; }
    // The row's context menu and the details pane's Tools button come from `tools`.
    void setTools(ProjectTools *tools);
    QMenu *rowMenu() const { return m_rowMenu; }
    qint64 selectedProjectId() const;
    // The selected project is shown from the list at once, then in full from `loader`.
    void setDetailsLoader(ProjectDetailsLoader *loader);

signals:
    void companyChosen(qint64 companyId);
    void openProjectRequested(qint64 projectId);
    void drawingsRequested(qint64 projectId, const QString &projectName);
    void refreshRequested();
    void signOutRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void showSelected();
    void rememberSelection();
    void restoreSelection();
    void openCurrent();
    void showRowMenu(const QPoint &position);
    // Ctrl+D stars the selected project; Ctrl+1 … Ctrl+9 land on the first nine favourites.
    void createShortcuts();

    ProjectListModel *m_projects;
    ProjectShortlists *m_shortlists;
    ProjectFilterModel *m_filter;
    QLabel *m_user = nullptr;
    QLabel *m_environment = nullptr;
    QComboBox *m_company = nullptr;
    QToolButton *m_refresh = nullptr;
    QToolButton *m_signOut = nullptr;
    BannerWidget *m_banner = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_sync = nullptr;
    QProgressBar *m_progress = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_tableSide = nullptr;
    ShortlistPane *m_shortlistPane = nullptr;
    ProjectTable *m_table = nullptr;
    ProjectDetails *m_details = nullptr;
    ProjectLanding *m_landing = nullptr;
    ProjectDetailsLoader *m_detailsLoader = nullptr;
    ProjectTools *m_tools = nullptr;
    QMenu *m_rowMenu = nullptr;
    qint64 m_selectedBeforeReset = 0;
};
