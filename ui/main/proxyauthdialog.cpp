#include "proxyauthdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

ProxyAuthDialog::ProxyAuthDialog(const QString &proxy, const QString &realm, bool rejectedBefore,
                                 QWidget *parent)
    : QDialog(parent)
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
{
    setObjectName(QStringLiteral("proxyAuthDialog"));
    setWindowTitle(tr("Proxy server sign-in"));
    setModal(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(plainLabel(tr("Your network's proxy server %1 asks for a user name and "
                                    "password before Procore Desktop can reach Procore.")
                                     .arg(proxy),
                                 this));
    if (!realm.isEmpty())
        layout->addWidget(plainLabel(tr("The proxy says: %1").arg(realm.left(200)), this));
    if (rejectedBefore) {
        QLabel *rejected = plainLabel(
            tr("The proxy server did not accept that user name and password. Try again."), this);
        rejected->setObjectName(QStringLiteral("proxyAuthRejected"));
        layout->addWidget(rejected);
    }
    m_user->setObjectName(QStringLiteral("proxyUser"));
    m_user->setAccessibleName(tr("Proxy user name"));
    m_password->setObjectName(QStringLiteral("proxyPassword"));
    m_password->setAccessibleName(tr("Proxy password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("User name:"), m_user);
    form->addRow(tr("Password:"), m_password);
    layout->addLayout(form);
    layout->addWidget(plainLabel(
        tr("Procore Desktop keeps them in memory until it quits; it never saves them."), this));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in to proxy"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_user->setFocus();
}

QString ProxyAuthDialog::user() const
{
    return m_user->text();
}

QString ProxyAuthDialog::password() const
{
    return m_password->text();
}
