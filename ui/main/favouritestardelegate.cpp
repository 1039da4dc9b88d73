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
    const bool offline = index.data(ProjectListModel::KeptOfflineRole).toBool();
    const QString badge = tr("Offline");
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.8);
    const int badgeWidth = QFontMetrics(badgeFont).horizontalAdvance(badge) + 10;
    if (offline)
        name.rect.setRight(option.rect.right() - badgeWidth - 4);
    QStyledItemDelegate::paint(painter, name, index);
    if (offline) {
        // "Drawings kept offline": a small pill at the end of the name, in the row's colours.
        QStyleOptionViewItem tail = option;
        initStyleOption(&tail, index);
        tail.rect = QRect(name.rect.right() + 1, option.rect.top(),
                          option.rect.right() - name.rect.right(), option.rect.height());
        tail.text.clear();
        tail.icon = {};
        const QWidget *w = option.widget;
        (w ? w->style() : QApplication::style())
            ->drawPrimitive(QStyle::PE_PanelItemViewItem, &tail, painter, w);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setFont(badgeFont);
        const QRect pill(tail.rect.left() + 2, option.rect.center().y() - 8, badgeWidth, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x2e, 0x7d, 0x32));
        painter->drawRoundedRect(pill, 8, 8);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, badge);
        painter->restore();
    }
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
