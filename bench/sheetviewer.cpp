// bench-sheet-viewer FILE.pdf: the app's DrawingViewer opening a stored sheet, with no network;
// prints a monotonic timestamp once the sheet is on screen (the viewport painted with the page
// rendered, which QPdfView does in the background), then quits. Compared with
// bench-bare-window's first paint by bench-drawings.
#include "benchclock.h"
#include "main/drawingviewer.h"

#include <QApplication>
#include <QPdfView>
#include <QTextStream>
#include <QTimer>

namespace {
// After each paint of the viewport: is the sheet drawn yet (dark pixels of its line work)?
class SheetPainted final : public QObject
{
public:
    explicit SheetPainted(QWidget *viewport)
        : QObject(viewport)
        , m_viewport(viewport)
    {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            const double paintedAt = monotonicSeconds();
            QMetaObject::invokeMethod(
                this, [this, paintedAt] { check(paintedAt); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void check(double paintedAt)
    {
        if (m_done)
            return;
        const QImage shot = m_viewport->grab().toImage();
        int dark = 0;
        for (int y = 0; y < shot.height() && dark <= 20; y += 4)
            for (int x = 0; x < shot.width(); x += 4)
                dark += qGray(shot.pixel(x, y)) < 100;
        if (dark <= 20)
            return;
        m_done = true;
        QTextStream(stdout) << "first-sheet-paint " << QString::number(paintedAt, 'f', 6)
                            << Qt::endl;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }

    QWidget *m_viewport;
    bool m_done = false;
};
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2)
        return 2;
    DrawingViewer viewer;
    new SheetPainted(viewer.view()->viewport());
    if (!viewer.open(QString::fromLocal8Bit(argv[1]), QStringLiteral("sheet")))
        return 1;
    viewer.resize(1000, 700);
    viewer.show();
    return app.exec();
}
