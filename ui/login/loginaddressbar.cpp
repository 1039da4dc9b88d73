#include "loginaddressbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QUrl>

LoginAddressBar::LoginAddressBar(QWidget *parent)
    : QWidget(parent)
    , m_address(new QLabel(this))
    , m_environment(new QLabel(this))
{
    m_address->setObjectName(QStringLiteral("loginAddress"));
    m_address->setAccessibleName(tr("Page address"));
    m_address->setTextFormat(Qt::PlainText);
    m_address->setForegroundRole(QPalette::PlaceholderText);
    m_environment->setObjectName(QStringLiteral("loginEnvironment"));
    m_environment->setTextFormat(Qt::PlainText);
    m_environment->setStyleSheet(QStringLiteral(
        "QLabel { background: #f47e42; color: white; border-radius: 3px; padding: 1px 6px; }"));
    m_environment->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_address, 1);
    layout->addWidget(m_environment);
}

void LoginAddressBar::setUrl(const QUrl &url)
{
    const QString host =
        url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    if (url.scheme() == u"https")
        m_address->setText(tr("Secure connection to %1").arg(host));
    else
        m_address->setText(tr("Local test server %1 (not encrypted)").arg(host));
}

void LoginAddressBar::setEnvironmentLabel(const QString &label)
{
    m_environment->setText(label);
    m_environment->setAccessibleName(tr("Environment: %1").arg(label));
    m_environment->setVisible(!label.isEmpty());
}

QString LoginAddressBar::addressText() const
{
    return m_address->text();
}
