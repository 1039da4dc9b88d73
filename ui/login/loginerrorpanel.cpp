#include "loginerrorpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

LoginErrorPanel::LoginErrorPanel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_primary(new QPushButton(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("loginErrorPanel"));
    setAccessibleName(tr("Sign-in problem"));

    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                          .pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignCenter);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("loginErrorTitle"));
    for (QLabel *label : {m_title, m_message, m_detail}) {
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignCenter);
        label->setTextFormat(Qt::PlainText); // server text never becomes markup
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_message->setObjectName(QStringLiteral("loginErrorMessage"));
    m_detail->setObjectName(QStringLiteral("loginErrorDetail"));
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_detail->setFont(small);

    m_primary->setObjectName(QStringLiteral("loginRetryButton"));
    m_primary->setDefault(true);
    m_primary->setAutoDefault(true);
    m_cancel->setObjectName(QStringLiteral("loginErrorCancelButton"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));
    m_cancel->setAutoDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_primary);
    buttons->addWidget(m_cancel);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(12);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addSpacing(8);
    layout->addLayout(buttons);
    layout->addWidget(m_detail);
    layout->addStretch(3);
    setTabOrder(m_primary, m_cancel);

    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (m_action == Action::Retry)
            emit retryRequested();
        else
            emit systemBrowserRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &LoginErrorPanel::cancelRequested);
}

void LoginErrorPanel::showMessage(const QString &title, const QString &message,
                                  const QString &detail, Action primary)
{
    m_action = primary;
    m_title->setText(title);
    m_message->setText(message);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    if (primary == Action::Retry) {
        m_primary->setText(tr("&Retry"));
        m_primary->setAccessibleName(tr("Retry loading the sign-in page"));
    } else {
        m_primary->setText(tr("Sign in with my &browser"));
        m_primary->setAccessibleName(tr("Sign in with your web browser"));
    }
    setAccessibleDescription(title + QLatin1Char('\n') + message);
}

QString LoginErrorPanel::title() const
{
    return m_title->text();
}
QString LoginErrorPanel::message() const
{
    return m_message->text();
}
