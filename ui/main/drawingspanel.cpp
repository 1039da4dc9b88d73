#include "drawingspanel.h"

#include "drawings/drawingsheetmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

DrawingsPanel::DrawingsPanel(DrawingSheetModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new DrawingSheetFilter(this))
    , m_keep(new QCheckBox(tr("&Keep offline"), this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_area(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
{
    m_keep->setToolTip(tr("Download this project's current drawing set so it opens without a "
                          "connection"));
    m_keep->setAccessibleDescription(m_keep->toolTip());
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_progress->setAccessibleName(tr("Download progress"));
    m_progress->hide();
    m_cancel->setAccessibleDescription(tr("Stop downloading; what is complete stays"));
    m_cancel->hide();
    m_area->setAccessibleName(tr("Drawing area"));
    m_area->setObjectName(QStringLiteral("drawingArea"));
    m_search->setPlaceholderText(tr("Search sheet number or title"));
    m_search->setAccessibleName(tr("Search sheets"));
    m_search->setClearButtonEnabled(true);
    m_filter->setSourceModel(model);
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Sheets"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DrawingSheetModel::NumberColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DrawingSheetModel::TitleColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setWordWrap(false);

    auto *keepRow = new QHBoxLayout;
    keepRow->addWidget(m_keep);
    keepRow->addWidget(m_progress, 1);
    keepRow->addWidget(m_cancel);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_area);
    filterRow->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->addLayout(keepRow);
    layout->addWidget(m_status);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);

    connect(m_keep, &QCheckBox::clicked, this, &DrawingsPanel::keepOfflineToggled);
    connect(m_cancel, &QPushButton::clicked, this, &DrawingsPanel::cancelRequested);
    connect(m_search, &QLineEdit::textChanged, m_filter, &DrawingSheetFilter::setSearch);
    connect(m_area, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_filter->setArea(index < 0 ? 0 : m_area->itemData(index).toLongLong());
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit sheetActivated(index.data(DrawingSheetModel::DrawingIdRole).toLongLong());
    });
    connect(model, &QAbstractItemModel::modelReset, this, &DrawingsPanel::areasChanged);
    areasChanged();
}

void DrawingsPanel::areasChanged()
{
    const qint64 chosen = m_area->currentData().toLongLong();
    const QSignalBlocker blocker(m_area);
    m_area->clear();
    m_area->addItem(tr("All areas"), qint64(0));
    for (const DrawingArea &area : m_model->areas())
        m_area->addItem(area.name.isEmpty() ? tr("Area %1").arg(area.id) : area.name, area.id);
    const int index = std::max(0, m_area->findData(chosen));
    m_area->setCurrentIndex(index);
    m_filter->setArea(m_area->itemData(index).toLongLong());
}

void DrawingsPanel::setKeepOffline(bool kept)
{
    m_keep->setChecked(kept);
}

void DrawingsPanel::setSyncing(bool syncing)
{
    m_progress->setVisible(syncing);
    m_cancel->setVisible(syncing);
    if (syncing)
        m_progress->setRange(0, 0);
}

void DrawingsPanel::setProgress(qint64 done, qint64 total)
{
    // Per mille: a QProgressBar holds ints, a set can pass 2 GiB.
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
}

void DrawingsPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString DrawingsPanel::status() const
{
    return m_status->text();
}

int DrawingsPanel::viewRowOf(qint64 drawingId) const
{
    const int row = m_model->rowOf(drawingId);
    return row < 0 ? -1 : m_filter->mapFromSource(m_model->index(row, 0)).row();
}

qint64 DrawingsPanel::drawingAt(int viewRow) const
{
    return m_filter->index(viewRow, 0).data(DrawingSheetModel::DrawingIdRole).toLongLong();
}

int DrawingsPanel::viewRowCount() const
{
    return m_filter->rowCount();
}

qint64 DrawingsPanel::currentDrawing() const
{
    return m_table->currentIndex().data(DrawingSheetModel::DrawingIdRole).toLongLong();
}

void DrawingsPanel::selectDrawing(qint64 drawingId)
{
    const int row = viewRowOf(drawingId);
    if (row >= 0)
        m_table->setCurrentIndex(m_filter->index(row, 0));
}
