#include "projectspage.h"

#include "bannerwidget.h"
#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "projectdetails.h"
#include "projectlanding.h"
#include "projecttable.h"
#include "projecttools.h"
#include "session/projectdetailsloader.h"
#include "session/projectshortlists.h"
#include "shortlistpane.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

ProjectsPage::ProjectsPage(ProjectListModel *projects, ProjectShortlists *shortlists,
                           QWidget *parent)
    : QWidget(parent)
    , m_projects(projects)
    , m_shortlists(shortlists)
    , m_filter(new ProjectFilterModel(this))
    , m_user(new QLabel(this))
    , m_environment(new QLabel(this))
    , m_company(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_signOut(new QToolButton(this))
    , m_banner(new BannerWidget(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_sync(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_splitter(new QSplitter(this))
    , m_tableSide(new QWidget(m_splitter))
    , m_shortlistPane(new ShortlistPane(shortlists, projects, m_tableSide))
    , m_table(new ProjectTable(m_filter, shortlists, m_tableSide))
    , m_details(new ProjectDetails(m_splitter))
    , m_landing(new ProjectLanding(projects, m_filter, m_table, m_search, m_status, this))
{
    m_filter->setSourceModel(m_projects);
    // Only now has the table its columns.
    m_table->horizontalHeader()->setSectionResizeMode(ProjectListModel::NameColumn,
                                                      QHeaderView::Stretch);

    QFont bold = m_user->font();
    bold.setBold(true);
    m_user->setFont(bold);
    // Server text (user, company, environment names) is shown as text, never as markup.
    for (QLabel *label : {m_user, m_environment, m_count, m_sync})
        label->setTextFormat(Qt::PlainText);
    m_user->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_user->setAccessibleName(tr("Signed-in user"));
    m_environment->setStyleSheet(QStringLiteral(
        "QLabel{background:#fff4e0;border:1px solid #f0b860;border-radius:4px;padding:2px 6px;}"));
    m_environment->hide();
    m_company->setAccessibleName(tr("Company"));
    m_company->setToolTip(tr("Company whose projects are shown"));
    m_company->setMinimumContentsLength(24);
    m_company->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Fetch the latest projects from Procore (F5)"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh->setAccessibleDescription(m_refresh->toolTip());
    m_signOut->setText(tr("Sign out"));
    m_signOut->setToolTip(tr("Sign out and forget this computer's Procore sign-in"));
    m_signOut->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_signOut->setAccessibleDescription(m_signOut->toolTip());
    m_company->setAccessibleDescription(m_company->toolTip());

    m_search->setPlaceholderText(tr("Search by name, number or city"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search projects"));
    m_search->setAccessibleDescription(m_search->placeholderText());
    m_status->addItem(tr("All projects"), int(ProjectFilterModel::ActiveFilter::All));
    m_status->addItem(tr("Active only"), int(ProjectFilterModel::ActiveFilter::ActiveOnly));
    m_status->addItem(tr("Inactive only"), int(ProjectFilterModel::ActiveFilter::InactiveOnly));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setAccessibleName(tr("Project status filter"));
    m_status->setAccessibleDescription(tr("Show all projects, or only active or inactive ones"));
    m_count->setAccessibleName(tr("Number of projects shown"));
    m_sync->setStyleSheet(QStringLiteral("QLabel{color:#666;}"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(4);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Loading projects"));
    m_progress->hide();

    // The description carries the row count ("450 projects"), updated with the list.
    m_projects->setFavouriteCheck(
        [shortlists = m_shortlists](qint64 id) { return shortlists->isFavourite(id); });
    connect(m_shortlists, &ProjectShortlists::changed, m_projects,
            &ProjectListModel::favouritesChanged);
    m_table->installEventFilter(this);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ProjectsPage::showRowMenu);
    auto *side = new QVBoxLayout(m_tableSide);
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(m_shortlistPane);
    side->addWidget(m_table, 1);
    m_search->installEventFilter(this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_user);
    header->addWidget(m_environment);
    header->addStretch(1);
    header->addWidget(new QLabel(tr("Company:"), this));
    header->addWidget(m_company);
    header->addWidget(m_refresh);
    header->addWidget(m_signOut);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(m_progress);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_sync);

    // The controls themselves, not their containers: Qt 6.4's setTabOrder moves a container
    // without its children, which left the account buttons and the banner off the Tab path.
    const QList<QWidget *> tabOrder =
        QList<QWidget *>{m_search, m_status, m_shortlistPane, m_table} + m_details->tabStops() +
        QList<QWidget *>{m_company, m_refresh, m_signOut} + m_banner->tabStops();
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        setTabOrder(tabOrder.at(i - 1), tabOrder.at(i));
    setFocusProxy(m_search);

    connect(m_search, &QLineEdit::textChanged, m_filter, &ProjectFilterModel::setFilterText);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setActiveFilter(
            ProjectFilterModel::ActiveFilter(m_status->currentData().toInt()));
    });
    connect(m_company, &QComboBox::activated, this,
            [this] { emit companyChosen(m_company->currentData().toLongLong()); });
    connect(m_refresh, &QToolButton::clicked, this, &ProjectsPage::refreshRequested);
    connect(m_signOut, &QToolButton::clicked, this, &ProjectsPage::signOutRequested);
    connect(m_details, &ProjectDetails::openRequested, this, &ProjectsPage::openProjectRequested);
    connect(m_details, &ProjectDetails::drawingsRequested, this, &ProjectsPage::drawingsRequested);
    connect(m_table, &QTableView::doubleClicked, this, &ProjectsPage::openCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ProjectsPage::showSelected);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &ProjectsPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelAboutToBeReset, this,
            &ProjectsPage::rememberSelection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        restoreSelection();
    });
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ProjectsPage::updateCount);
    connect(m_shortlistPane, &ShortlistPane::projectChosen, this, &ProjectsPage::focusProject);
    createShortcuts();
    connect(m_landing, &ProjectLanding::selected, this, &ProjectsPage::showSelected);
    connect(m_landing, &ProjectLanding::filterCleared, this, [this](qint64 projectId) {
        const Project project = m_projects->projectAt(m_projects->indexOfProject(projectId));
        m_banner->showMessage(BannerWidget::Tone::Info,
                              tr("The search was cleared to show %1.").arg(project.title()));
    });
    updateCount();
}

void ProjectsPage::setUser(const QString &name, const QString &email)
{
    m_user->setText(email.isEmpty() ? name : tr("%1 (%2)").arg(name, email));
}

void ProjectsPage::setEnvironmentLabel(const QString &label)
{
    m_environment->setText(label);
    m_environment->setVisible(!label.isEmpty());
}

void ProjectsPage::setCompanies(const QList<QPair<qint64, QString>> &companies, qint64 current)
{
    const QSignalBlocker blocker(m_company);
    m_company->clear();
    for (const auto &[id, name] : companies)
        m_company->addItem(name, id);
    m_company->setCurrentIndex(qMax(0, m_company->findData(current)));
    m_company->setEnabled(companies.size() > 1);
}

void ProjectsPage::setLoading(bool loading)
{
    m_shortlistPane->setLoading(loading);
    m_progress->setVisible(loading);
    m_refresh->setEnabled(!loading);
    if (loading)
        m_progress->setRange(0, 0);
}

void ProjectsPage::setProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qMin<qint64>(1000, received * 1000 / total)));
    }
}

void ProjectsPage::setSyncNote(const QString &note)
{
    m_sync->setText(note);
}

QString ProjectsPage::countText() const
{
    return m_count->text();
}

void ProjectsPage::updateCount()
{
    const QLocale locale;
    const int shown = m_filter->rowCount();
    const int all = m_projects->count();
    if (shown == all)
        m_count->setText(tr("%Ln project(s)", nullptr, all));
    else
        //: %1 is how many of the projects the search and status filter show.
        m_count->setText(tr("%1 of %Ln project(s)", nullptr, all).arg(locale.toString(shown)));
    // Screen readers announce the table with how many rows it holds.
    m_table->setAccessibleDescription(m_count->text());
}

void ProjectsPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    Project project = current.data(ProjectListModel::ProjectRole).value<Project>();
    if (!m_detailsLoader) {
        m_details->setProject(project);
        return;
    }
    if (const auto full = m_detailsLoader->known(project.companyId, project.id))
        project = *full;
    m_details->setProject(project);
    m_detailsLoader->load(project.companyId, project.companyName, project.id);
}

void ProjectsPage::setDetailsLoader(ProjectDetailsLoader *loader)
{
    m_detailsLoader = loader;
    connect(loader, &ProjectDetailsLoader::loaded, this, [this](const Project &project) {
        if (m_details->projectId() == project.id)
            m_details->setProject(project);
    });
}

qint64 ProjectsPage::selectedProjectId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(ProjectListModel::IdRole).toLongLong() : 0;
}

void ProjectsPage::rememberSelection()
{
    m_selectedBeforeReset = selectedProjectId();
}

void ProjectsPage::restoreSelection()
{
    if (m_selectedBeforeReset == 0 || !m_landing->select(m_selectedBeforeReset))
        m_details->clear();
    m_selectedBeforeReset = 0;
}

bool ProjectsPage::focusProject(qint64 projectId)
{
    return m_landing->land(projectId, true);
}

void ProjectsPage::createShortcuts()
{
    auto *star = new QAction(tr("Add to favourites"), this);
    star->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(star, &QAction::triggered, this, [this] {
        if (const qint64 id = selectedProjectId())
            m_shortlists->toggleFavourite(id);
    });
    addAction(star);
    for (int n = 1; n <= 9; ++n) {
        auto *jump = new QAction(tr("Favourite %1").arg(n), this);
        jump->setShortcut(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_0 + n)));
        connect(jump, &QAction::triggered, this, [this, n] {
            const QList<qint64> favourites = m_shortlists->favourites();
            if (n <= favourites.size())
                focusProject(favourites.at(n - 1));
        });
        addAction(jump);
    }
}

void ProjectsPage::setTools(ProjectTools *tools)
{
    m_tools = tools;
    m_details->setTools(tools);
}

void ProjectsPage::showRowMenu(const QPoint &position)
{
    // From the mouse, the row under it; from the keyboard (Menu, Shift+F10), the current one.
    QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        index = m_table->currentIndex();
    if (!index.isValid() || !m_tools)
        return;
    if (index.row() != m_table->currentIndex().row())
        m_table->setCurrentIndex(index);
    if (!m_rowMenu) {
        m_rowMenu = new QMenu(this);
        m_rowMenu->setAccessibleName(tr("Project tools"));
    }
    m_tools->fillMenu(m_rowMenu, index.data(ProjectListModel::ProjectRole).value<Project>());
    const QRect row = m_table->visualRect(index);
    m_rowMenu->popup(m_table->viewport()->mapToGlobal(
        m_table->viewport()->rect().contains(position) && m_table->indexAt(position).isValid()
            ? position
            : row.bottomLeft()));
}

void ProjectsPage::openCurrent()
{
    if (const qint64 id = selectedProjectId())
        emit openProjectRequested(id);
}

bool ProjectsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (watched == m_table && enter) {
        openCurrent();
        return true;
    }
    if (watched == m_search) {
        // Typing filters; Enter opens the selected (or only/first) match; arrows move in it.
        if (enter) {
            if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
                m_table->setCurrentIndex(m_filter->index(0, 0));
            openCurrent();
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up ||
            key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp) {
            m_table->setFocus();
            if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0) {
                m_table->setCurrentIndex(m_filter->index(0, 0));
                return true;
            }
            QCoreApplication::sendEvent(m_table, event);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
