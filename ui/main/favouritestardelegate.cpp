#include "favouritestardelegate.h"

#include "model/projectlistmodel.h"
#include "session/projectshortlists.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace {
constexpr int starWidth = 22;
}

FavouriteStarDelegate::FavouriteStarDelegate(ProjectShortlists *shortlists, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_shortlists(shortlists)
{}

QRect FavouriteStarDelegate::starRect(const QRect &cell)
{
    return QRect(cell.left(), cell.top(), starWidth, cell.height());
}

void FavouriteStarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const bool favourite =
        m_shortlists->isFavourite(index.data(ProjectListModel::IdRole).toLongLong());
    QStyleOptionViewItem name = option;
    name.rect.setLeft(option.rect.left() + starWidth);
    QStyledItemDelegate::paint(painter, name, index);
    // The star's strip gets the row's own background (selection, alternate colour).
    QStyleOptionViewItem strip = option;
    initStyleOption(&strip, index);
    strip.rect = starRect(option.rect);
    strip.text.clear();
    strip.icon = {};
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &strip, painter, widget);
    painter->save();
    const QRect star = strip.rect;
    painter->setPen(favourite ? QColor(0xe0, 0x9a, 0x00)
                              : option.palette.color((option.state & QStyle::State_Selected)
                                                         ? QPalette::HighlightedText
                                                         : QPalette::Mid));
    painter->drawText(star, Qt::AlignCenter,
                      favourite ? QStringLiteral("\u2605") : QStringLiteral("\u2606"));
    painter->restore();
}

QSize FavouriteStarDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index) + QSize(starWidth, 0);
}

bool FavouriteStarDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                        const QStyleOptionViewItem &option,
                                        const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton &&
            starRect(option.rect).contains(mouse->position().toPoint())) {
            emit toggled(index.data(ProjectListModel::IdRole).toLongLong());
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}
