#pragma once

#include <QWidget>

class QLabel;
class QUrl;

// The strip above the page: where the typed password goes (host, and whether the
// connection is encrypted) and, outside production, which environment this is.
class LoginAddressBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginAddressBar)
public:
    explicit LoginAddressBar(QWidget *parent = nullptr);

    void setUrl(const QUrl &url);
    void setEnvironmentLabel(const QString &label); // "" hides the badge
    QString addressText() const;

private:
    QLabel *m_address = nullptr;
    QLabel *m_environment = nullptr;
};
