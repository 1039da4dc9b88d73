#include "bannerwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

BannerWidget::BannerWidget(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Status message"));
    m_text->setTextFormat(Qt::PlainText); // server messages never become markup
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(QStringLiteral("✕"));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Hide this message"));
    m_close->setAccessibleName(tr("Hide message"));
    m_close->setAccessibleDescription(m_close->toolTip());

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);

    connect(m_action, &QPushButton::clicked, this, &BannerWidget::actionTriggered);
    connect(m_close, &QPushButton::clicked, this, &BannerWidget::clear);
    hide();
}

void BannerWidget::showMessage(Tone tone, const QString &text, const QString &actionText)
{
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors = QStringLiteral("background:#e8f1fb; border:1px solid #9cc3ea;");
    if (tone == Tone::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background:#fff4e0; border:1px solid #f0b860;");
    } else if (tone == Tone::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background:#fde8e8; border:1px solid #e59a9a;");
    }
    setStyleSheet(
        QStringLiteral("#banner{%1 border-radius:4px;} #banner QLabel{color:#222;}").arg(colors));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_action->setAccessibleName(actionText);
    // The button says what to do; its description says why (the message itself).
    m_action->setAccessibleDescription(text);
    setAccessibleDescription(text);
    show();
}

void BannerWidget::clear()
{
    m_text->clear();
    hide();
}

QString BannerWidget::text() const
{
    return isHidden() ? QString() : m_text->text();
}

QString BannerWidget::actionText() const
{
    return isHidden() || m_action->isHidden() ? QString() : m_action->text();
}

QList<QWidget *> BannerWidget::tabStops() const
{
    return {m_action, m_close};
}
