#include "projectdetails.h"

#include "projecttools.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString dateText(const QDate &date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

QString dateTimeText(const QDateTime &dateTime)
{
    return dateTime.isValid() ? QLocale().toString(dateTime.toLocalTime(), QLocale::ShortFormat)
                              : QString();
}

// Only what a dialler reads: digits, a leading plus and pauses; nothing a server can smuggle.
QString telUri(const QString &phone)
{
    QString number;
    int digits = 0;
    for (const QChar c : phone) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
            number += c;
            ++digits;
        } else if (c == QLatin1Char('+') && number.isEmpty()) {
            number += c;
        }
    }
    return digits >= 3 ? QStringLiteral("tel:") + number : QString();
}
} // namespace

ProjectDetails::ProjectDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_placeholder(new QLabel(tr("Select a project to see its details."), this))
    , m_fields(new QWidget(this))
    , m_form(new QFormLayout(m_fields))
    , m_open(new QPushButton(tr("Open in Procore"), this))
    , m_tools(new QToolButton(this))
    , m_toolsMenu(new QMenu(m_tools))
    , m_drawings(new QPushButton(tr("Drawings"), this))
{
    setAccessibleName(tr("Project details"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // Names and addresses are whatever a project admin typed into Procore: text, not markup.
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
    m_open->setToolTip(tr("Open this project's home page in your web browser (Enter)"));
    m_open->setAccessibleDescription(m_open->toolTip());

    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_fields);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_scroll, 1);
    m_tools->setText(tr("Tools"));
    m_tools->setToolTip(tr("Open one of this project's tools in Procore, copy its link or "
                           "address, or show it on a map"));
    m_tools->setAccessibleName(tr("Project tools"));
    m_tools->setAccessibleDescription(m_tools->toolTip());
    m_tools->setMenu(m_toolsMenu);
    m_tools->setPopupMode(QToolButton::InstantPopup);
    m_tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_tools->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_tools);
    buttons->addWidget(m_drawings);
    buttons->addStretch(1);
    m_drawings->setToolTip(
        tr("This project's drawing sheets, kept offline on request (Ctrl+Shift+D)"));
    m_drawings->setAccessibleDescription(m_drawings->toolTip());
    m_drawings->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_drawings, &QPushButton::clicked, this, [this] {
        if (m_project.id > 0)
            emit drawingsRequested(m_project.id, m_project.title());
    });
    layout->addLayout(buttons);

    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_project.id > 0)
            emit openRequested(m_project.id);
    });
    clear();
}

void ProjectDetails::addField(const QString &label, const QString &value)
{
    auto *field = new QLabel(m_fields);
    field->setTextFormat(Qt::PlainText);
    field->setText(orDash(value));
    field->setWordWrap(true);
    // Selectable with the mouse, but no Tab stop each: keyboard users Tab from the list to the
    // buttons, and screen readers read the fields by their names.
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setAccessibleName(label);
    m_form->addRow(label, field);
}

void ProjectDetails::addPhone(const QString &phone)
{
    const QString uri = telUri(phone);
    if (uri.isEmpty()) {
        addField(tr("Phone"), phone);
        return;
    }
    auto *field = new QLabel(m_fields);
    // The number is the server's text: escaped, and the link carries digits only.
    field->setTextFormat(Qt::RichText);
    field->setText(QStringLiteral("<a href=\"%1\">%2</a>").arg(uri, phone.toHtmlEscaped()));
    field->setOpenExternalLinks(true);
    // A Tab stop made here would land at the end of the window's focus chain (the rows are
    // rebuilt per project): mouse only, like the other fields.
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    field->setAccessibleName(tr("Phone"));
    field->setAccessibleDescription(tr("Calls %1 with the system's dialler").arg(phone));
    field->setToolTip(uri);
    m_form->addRow(tr("Phone"), field);
}

QString ProjectDetails::timeZoneText(const Project &project) const
{
    const QString label = project.timeZoneLabel();
    const QTimeZone zone(project.tzName.toUtf8());
    if (project.tzName.isEmpty() || !zone.isValid())
        return label;
    const QDateTime there = m_clock().toTimeZone(zone);
    //: %1 is an IANA time zone such as America/Chicago, %2 the time of day there.
    return tr("%1 (%2 there now)")
        .arg(label, QLocale().toString(there.time(), QLocale::ShortFormat));
}

void ProjectDetails::setProject(const Project &project)
{
    m_project = project;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_title->setText(project.title());
    m_title->show();
    m_placeholder->hide();
    m_scroll->show();
    m_open->show();
    m_tools->show();
    m_drawings->show();
    if (m_projectTools)
        m_projectTools->fillMenu(m_toolsMenu, project);

    addField(tr("Project number"), project.projectNumber);
    addField(tr("Status"), project.active ? tr("Active") : tr("Inactive"));
    addField(tr("Stage"), project.stageLabel());
    QStringList addressLines;
    if (!project.address.isEmpty())
        addressLines << project.address;
    const QString cityLine = QStringList{project.location(), project.zip}.join(QLatin1Char(' '));
    if (!cityLine.trimmed().isEmpty())
        addressLines << cityLine.trimmed();
    if (!project.countryCode.isEmpty())
        addressLines << project.countryCode;
    addField(tr("Address"), addressLines.join(QLatin1Char('\n')));
    addPhone(project.phone);
    addField(tr("Time zone"), timeZoneText(project));
    addField(tr("Start date"), dateText(project.startDate));
    addField(tr("Completion date"), dateText(project.completionDate));
    addField(tr("Company"), project.companyName);
    addField(tr("Project ID"), QString::number(project.id));
    addField(tr("Created"), dateTimeText(project.createdAt));
    addField(tr("Last updated"), dateTimeText(project.updatedAt));
}

void ProjectDetails::clear()
{
    m_project = Project();
    m_title->hide();
    m_placeholder->show();
    m_scroll->hide();
    m_open->hide();
    m_tools->hide();
    m_drawings->hide();
    m_toolsMenu->clear();
}

void ProjectDetails::setTools(ProjectTools *tools)
{
    m_projectTools = tools;
    m_tools->setEnabled(tools != nullptr);
    if (tools && m_project.id > 0)
        tools->fillMenu(m_toolsMenu, m_project);
}

QLabel *ProjectDetails::field(const QString &label) const
{
    for (int row = 0; row < m_form->rowCount(); ++row) {
        auto *name = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::LabelRole)->widget());
        auto *value = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::FieldRole)->widget());
        if (name && value && name->text() == label)
            return value;
    }
    return nullptr;
}

QString ProjectDetails::fieldText(const QString &label) const
{
    const QLabel *value = field(label);
    return value ? value->text() : QString();
}

QList<QWidget *> ProjectDetails::tabStops() const
{
    return {m_open, m_tools, m_drawings};
}
