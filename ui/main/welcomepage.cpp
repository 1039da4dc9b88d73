#include "welcomepage.h"

#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_environment(new QLabel(this))
    , m_status(new QLabel(this))
    , m_message(new QLabel(this))
    , m_signIn(new QPushButton(tr("Sign in to Procore"), this))
    , m_browser(new QPushButton(tr("Sign in with your browser instead"), this))
    , m_cancel(new QPushButton(tr("Cancel sign-in"), this))
{
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/procore-desktop-128.png")).pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("Your Procore projects at a glance"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto *intro = new QLabel(tr("Sign in once with your Procore account and press Allow. "
                                "The app remembers you until you sign out."),
                             this);
    intro->setWordWrap(true);
    intro->setAlignment(Qt::AlignCenter);

    // Sign-in errors quote the server (error_description): text, never markup.
    for (QLabel *label : {m_environment, m_status, m_message})
        label->setTextFormat(Qt::PlainText);
    m_environment->setAlignment(Qt::AlignCenter);
    m_environment->setStyleSheet(QStringLiteral(
        "QLabel{background:#fff4e0;border:1px solid #f0b860;border-radius:4px;padding:3px 8px;}"));
    m_environment->hide();
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel{color:#a12;}"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Sign-in message"));

    m_signIn->setDefault(true);
    m_signIn->setAutoDefault(true);
    m_signIn->setMinimumHeight(40);
    m_signIn->setStyleSheet(QStringLiteral(
        "QPushButton{background:#f47e42;color:white;font-weight:bold;border-radius:5px;"
        "padding:6px 24px;} QPushButton:focus{border:2px solid #8a3a10;}"
        "QPushButton:disabled{background:#f6b896;}"));
    m_browser->setFlat(true);
    m_browser->setCursor(Qt::PointingHandCursor);
    m_browser->setToolTip(tr("For company single sign-on that does not work inside apps"));
    m_cancel->hide();
    m_signIn->setAccessibleDescription(
        tr("Opens Procore's sign-in page in a window of this app; press Allow there"));
    m_browser->setAccessibleDescription(m_browser->toolTip());
    m_cancel->setAccessibleDescription(tr("Stops the sign-in that is under way"));

    auto *column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(logo);
    column->addWidget(title);
    column->addWidget(intro);
    column->addWidget(m_environment, 0, Qt::AlignCenter);
    column->addSpacing(16);
    column->addWidget(m_signIn, 0, Qt::AlignCenter);
    column->addWidget(m_browser, 0, Qt::AlignCenter);
    column->addWidget(m_status);
    column->addWidget(m_cancel, 0, Qt::AlignCenter);
    column->addWidget(m_message);
    column->addStretch(3);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    connect(m_signIn, &QPushButton::clicked, this, &WelcomePage::signInRequested);
    connect(m_browser, &QPushButton::clicked, this, &WelcomePage::browserSignInRequested);
    connect(m_cancel, &QPushButton::clicked, this, &WelcomePage::cancelRequested);
    setFocusProxy(m_signIn);
}

void WelcomePage::setEnvironmentLabel(const QString &label)
{
    m_environment->setText(tr("Environment: %1").arg(label));
    m_environment->setVisible(!label.isEmpty());
}

void WelcomePage::setSigningIn(bool signingIn, const QString &note)
{
    m_signIn->setEnabled(!signingIn);
    m_browser->setEnabled(!signingIn);
    m_cancel->setVisible(signingIn);
    m_status->setText(signingIn ? note : QString());
    if (signingIn)
        m_message->clear();
}

void WelcomePage::setMessage(const QString &message)
{
    m_message->setText(message);
}

QString WelcomePage::message() const
{
    return m_message->text();
}
