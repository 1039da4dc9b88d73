#include "drawingviewer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPdfDocument>
#include <QPdfView>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr qreal ZoomStep = 1.25;
constexpr qreal MinZoom = 0.05;
constexpr qreal MaxZoom = 16.0;
} // namespace

DrawingViewer::DrawingViewer(QWidget *parent)
    : QWidget(parent)
    , m_document(new QPdfDocument(this))
    , m_view(new QPdfView(this))
    , m_notice(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_bar(new QWidget(this))
{
    setAccessibleName(tr("Drawing viewer"));
    m_view->setDocument(m_document);
    m_view->setPageMode(QPdfView::PageMode::MultiPage);
    m_view->setZoomMode(QPdfView::ZoomMode::FitInView);
    m_view->setAccessibleName(tr("Sheet"));
    m_view->viewport()->installEventFilter(this);
    m_view->viewport()->setCursor(Qt::OpenHandCursor);
    // Sheet titles and notices come from Procore: text, never markup.
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff4e5; color: #663c00; "
                                           "padding: 6px; border: 1px solid #ffcc80; }"));
    m_notice->setAccessibleName(tr("Notice"));
    m_notice->hide();
    m_caption->setTextFormat(Qt::PlainText);

    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(0, 0, 0, 0);
    m_previous = addButton(tr("Previous"), tr("Previous sheet (Page Up)"), Qt::Key_PageUp);
    m_next = addButton(tr("Next"), tr("Next sheet (Page Down)"), Qt::Key_PageDown);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addWidget(m_caption, 1);
    QToolButton *out = addButton(tr("Zoom out"), tr("Zoom out (Ctrl+-)"), QKeySequence::ZoomOut);
    QToolButton *in = addButton(tr("Zoom in"), tr("Zoom in (Ctrl++)"), QKeySequence::ZoomIn);
    QToolButton *width = addButton(tr("Fit width"), tr("Fit the sheet's width (Ctrl+2)"),
                                   QKeySequence(Qt::CTRL | Qt::Key_2));
    QToolButton *page = addButton(tr("Fit page"), tr("Show the whole sheet (Ctrl+0)"),
                                  QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QToolButton *button : {out, in, width, page})
        bar->addWidget(button);
    connect(m_previous, &QToolButton::clicked, this, &DrawingViewer::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &DrawingViewer::nextRequested);
    connect(out, &QToolButton::clicked, this, &DrawingViewer::zoomOut);
    connect(in, &QToolButton::clicked, this, &DrawingViewer::zoomIn);
    connect(width, &QToolButton::clicked, this, &DrawingViewer::fitWidth);
    connect(page, &QToolButton::clicked, this, &DrawingViewer::fitPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);
    clear();
}

DrawingViewer::~DrawingViewer() = default;

QToolButton *DrawingViewer::addButton(const QString &text, const QString &tip,
                                      const QKeySequence &keys)
{
    auto *button = new QToolButton(m_bar);
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleDescription(tip);
    button->setShortcut(keys);
    button->setAutoRaise(true);
    return button;
}

bool DrawingViewer::open(const QString &path, const QString &title)
{
    m_document->close();
    const QPdfDocument::Error error = m_document->load(path);
    if (error != QPdfDocument::Error::None) {
        clear(tr("This sheet cannot be shown: its file on this computer is damaged. Sync the "
                 "drawings again."));
        return false;
    }
    m_title = title;
    m_caption->setText(title);
    m_view->setZoomMode(QPdfView::ZoomMode::FitInView);
    return true;
}

void DrawingViewer::clear(const QString &notice)
{
    m_document->close();
    m_title.clear();
    m_caption->clear();
    setNotice(notice);
}

void DrawingViewer::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString DrawingViewer::notice() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void DrawingViewer::setCaption(const QString &text)
{
    m_caption->setText(text);
}

void DrawingViewer::setNavigation(bool hasPrevious, bool hasNext)
{
    m_previous->setEnabled(hasPrevious);
    m_next->setEnabled(hasNext);
}

void DrawingViewer::zoomBy(qreal factor)
{
    // From whatever a fit mode shows now, so the first step does not jump.
    const qreal current = m_view->zoomMode() == QPdfView::ZoomMode::Custom
                              ? m_view->zoomFactor()
                              : std::max(MinZoom, m_view->zoomFactor());
    m_view->setZoomMode(QPdfView::ZoomMode::Custom);
    m_view->setZoomFactor(std::clamp(current * factor, MinZoom, MaxZoom));
}

void DrawingViewer::zoomIn()
{
    zoomBy(ZoomStep);
}

void DrawingViewer::zoomOut()
{
    zoomBy(1 / ZoomStep);
}

void DrawingViewer::fitWidth()
{
    m_view->setZoomMode(QPdfView::ZoomMode::FitToWidth);
}

void DrawingViewer::fitPage()
{
    m_view->setZoomMode(QPdfView::ZoomMode::FitInView);
}

// Dragging the sheet pans it, as on a drawing table; the wheel still scrolls.
bool DrawingViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            m_dragging = true;
            m_dragFrom = mouse->position().toPoint();
            m_view->viewport()->setCursor(Qt::ClosedHandCursor);
            return true;
        }
        break;
    }
    case QEvent::MouseMove:
        if (m_dragging) {
            const QPoint at = static_cast<QMouseEvent *>(event)->position().toPoint();
            const QPoint delta = at - m_dragFrom;
            m_dragFrom = at;
            m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() -
                                                    delta.x());
            m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() - delta.y());
            return true;
        }
        break;
    case QEvent::MouseButtonRelease:
        if (m_dragging) {
            m_dragging = false;
            m_view->viewport()->setCursor(Qt::OpenHandCursor);
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}
