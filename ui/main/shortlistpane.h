#pragma once

#include <QTreeWidget>

class ProjectListModel;
class ProjectShortlists;

// Above the project table: the "Favourites" group (and the projects opened lately) for the
// current user and company, by name. Choosing an entry lands on its row in the table. A
// favourite missing from a complete list is greyed and says "no longer available".
class ShortlistPane final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortlistPane)
public:
    ShortlistPane(ProjectShortlists *shortlists, ProjectListModel *projects,
                  QWidget *parent = nullptr);

    // While the list is loading, a missing favourite may still come: not "no longer available".
    void setLoading(bool loading);
    // The group's entries as shown (for tests and accessibility checks).
    QStringList entries(const QString &group) const;

signals:
    void projectChosen(qint64 projectId);

private:
    void rebuild();
    void addGroup(const QString &title, const QList<qint64> &ids);

    ProjectShortlists *m_shortlists;
    ProjectListModel *m_projects;
    bool m_loading = false;
};
