#pragma once

#include <QWidget>

class DrawingSheetFilter;
class DrawingSheetModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

// The list side of the drawings window: "Keep offline" with its estimate, progress and cancel,
// the drawing areas, a search over sheet number and title, and the sheets. Widgets only; the
// window decides what the controls do.
class DrawingsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawingsPanel)
public:
    DrawingsPanel(DrawingSheetModel *model, QWidget *parent = nullptr);

    // Refills the area choice from the model (keeping the chosen area when it still exists).
    void areasChanged();
    void setKeepOffline(bool kept);
    // While a sync runs: progress (total 0: not known yet) and the Cancel button.
    void setSyncing(bool syncing);
    void setProgress(qint64 done, qint64 total);
    void setStatus(const QString &text);
    QString status() const;

    // The sheet's row in the filtered view (-1 when filtered out) and back.
    int viewRowOf(qint64 drawingId) const;
    qint64 drawingAt(int viewRow) const;
    int viewRowCount() const;
    qint64 currentDrawing() const;
    void selectDrawing(qint64 drawingId);

    QCheckBox *keepOffline() const { return m_keep; }
    QPushButton *cancelButton() const { return m_cancel; }
    QComboBox *areaChoice() const { return m_area; }
    QLineEdit *search() const { return m_search; }
    QTableView *table() const { return m_table; }

signals:
    void keepOfflineToggled(bool keep);
    void cancelRequested();
    void sheetActivated(qint64 drawingId);

private:
    DrawingSheetModel *m_model;
    DrawingSheetFilter *m_filter;
    QCheckBox *m_keep;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QComboBox *m_area;
    QLineEdit *m_search;
    QTableView *m_table;
};
