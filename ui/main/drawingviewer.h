#pragma once

#include <QPoint>
#include <QWidget>

class QLabel;
class QPdfDocument;
class QPdfView;
class QToolButton;

// A stored sheet on screen, from its file alone (no network): QPdfView with zoom in and out,
// fit to width or page, panning by dragging, and previous/next sheet. A line above the sheet
// says when the copy is older than Procore's current revision, or that it is not stored.
class DrawingViewer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingViewer)
public:
    explicit DrawingViewer(QWidget *parent = nullptr);
    ~DrawingViewer() override;

    // Opens the PDF; false (and a notice) when it cannot be read.
    bool open(const QString &path, const QString &title);
    void clear(const QString &notice = {});
    // Shown above the sheet (plain text); empty hides it.
    void setNotice(const QString &text);
    QString notice() const;
    void setNavigation(bool hasPrevious, bool hasNext);
    // The line beside the buttons (the sheet's name once one is open).
    void setCaption(const QString &text);

    QPdfView *view() const { return m_view; }
    QPdfDocument *document() const { return m_document; }
    QString title() const { return m_title; }

public slots:
    void zoomIn();
    void zoomOut();
    void fitWidth();
    void fitPage();

signals:
    void previousRequested();
    void nextRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QToolButton *addButton(const QString &text, const QString &tip, const QKeySequence &keys);
    void zoomBy(qreal factor);

    QPdfDocument *m_document;
    QPdfView *m_view;
    QLabel *m_notice;
    QLabel *m_caption;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QWidget *m_bar;
    QString m_title;
    QPoint m_dragFrom;
    bool m_dragging = false;
};
