#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

// Asks for the user name and password a proxy server wants. The proxy's host and realm come
// from the network, so they are shown as plain text. What is typed goes to the caller only.
class ProxyAuthDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyAuthDialog)
public:
    // `rejectedBefore`: the proxy refused what was entered last time.
    ProxyAuthDialog(const QString &proxy, const QString &realm, bool rejectedBefore,
                    QWidget *parent = nullptr);

    QString user() const;
    QString password() const;

private:
    QLineEdit *m_user;
    QLineEdit *m_password;
};
