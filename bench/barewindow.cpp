// The yardstick for start-up benchmarks: a bare Qt Widgets program that shows an empty window,
// prints a monotonic timestamp when it is first painted, and quits.
#include <QApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

#include <ctime>

namespace {
double monotonicSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

class Window final : public QWidget
{
protected:
    void paintEvent(QPaintEvent *event) override
    {
        QWidget::paintEvent(event);
        if (!m_painted) {
            m_painted = true;
            QTextStream(stdout) << "first-paint " << QString::number(monotonicSeconds(), 'f', 6)
                                << Qt::endl;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
    }

private:
    bool m_painted = false;
};
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Window window;
    window.resize(1000, 700);
    window.show();
    return app.exec();
}
