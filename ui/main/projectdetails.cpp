#include "projectdetails.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
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
} // namespace

ProjectDetails::ProjectDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_placeholder(new QLabel(tr("Select a project to see its details."), this))
    , m_fields(new QWidget(this))
    , m_form(new QFormLayout(m_fields))
    , m_open(new QPushButton(tr("Open in Procore"), this))
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

    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_fields);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_open, 0, Qt::AlignLeft);

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
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    field->setAccessibleName(label);
    m_form->addRow(label, field);
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
    addField(tr("Phone"), project.phone);
    addField(tr("Time zone"), project.timeZoneLabel());
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
}

QString ProjectDetails::fieldText(const QString &label) const
{
    for (int row = 0; row < m_form->rowCount(); ++row) {
        auto *name = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::LabelRole)->widget());
        auto *value = qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::FieldRole)->widget());
        if (name && value && name->text() == label)
            return value->text();
    }
    return {};
}
