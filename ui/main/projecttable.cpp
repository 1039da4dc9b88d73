#include "projecttable.h"

#include "favouritestardelegate.h"
#include "model/projectlistmodel.h"
#include "session/projectshortlists.h"

#include <QHeaderView>

ProjectTable::ProjectTable(QAbstractItemModel *model, ProjectShortlists *shortlists,
                           QWidget *parent)
    : QTableView(parent)
{
    setModel(model);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder); // the model's own order: active first
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Rows are chosen with the arrow keys; Tab leaves the table for the next control instead of
    // walking 5 cells × 20,000 rows (a keyboard user would be trapped).
    setTabKeyNavigation(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setHighlightSections(false);
    setAccessibleName(tr("Projects"));
    auto *stars = new FavouriteStarDelegate(shortlists, this);
    setItemDelegateForColumn(ProjectListModel::NameColumn, stars);
    connect(stars, &FavouriteStarDelegate::toggled, shortlists,
            &ProjectShortlists::toggleFavourite);
    connect(shortlists, &ProjectShortlists::changed, viewport(), qOverload<>(&QWidget::update));
}
