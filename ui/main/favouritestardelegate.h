#pragma once

#include <QStyledItemDelegate>

class ProjectShortlists;

// The star in front of each project's name: filled for a favourite, hollow otherwise; a click
// on it stars or unstars the project. Painted from ProjectShortlists at draw time rather than
// served by the models, so starring never touches ProjectListModel/ProjectFilterModel and
// costs the 20,000-row search nothing.
class FavouriteStarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FavouriteStarDelegate)
public:
    FavouriteStarDelegate(ProjectShortlists *shortlists, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    // Where the star of a cell is drawn (for clicks and tests).
    static QRect starRect(const QRect &cell);

signals:
    void toggled(qint64 projectId);

private:
    ProjectShortlists *m_shortlists;
};
