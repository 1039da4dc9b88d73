#pragma once

#include <QTableView>

class ProjectShortlists;
class QAbstractItemModel;

// The project list's table: one row per project, sorted by the model's own order until a
// header is clicked, one row selectable, a star in the name column to mark favourites, and
// Tab leaving the table instead of walking its cells.
class ProjectTable final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTable)
public:
    // `model` shows ProjectListModel's columns (through a filter).
    ProjectTable(QAbstractItemModel *model, ProjectShortlists *shortlists,
                 QWidget *parent = nullptr);
};
