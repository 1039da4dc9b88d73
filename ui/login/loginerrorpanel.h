#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// The in-view message shown instead of the page when it cannot be used: a title, what to
// do, the technical cause in small print, and Retry (or "Use my browser") plus Cancel.
class LoginErrorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginErrorPanel)
public:
    enum class Action { Retry, SystemBrowser };

    explicit LoginErrorPanel(QWidget *parent = nullptr);

    void showMessage(const QString &title, const QString &message, const QString &detail,
                     Action primary);
    QString title() const;
    QString message() const;
    Action primaryAction() const { return m_action; }
    QPushButton *primaryButton() const { return m_primary; }
    QPushButton *cancelButton() const { return m_cancel; }

signals:
    void retryRequested();
    void systemBrowserRequested();
    void cancelRequested();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_primary = nullptr;
    QPushButton *m_cancel = nullptr;
    Action m_action = Action::Retry;
};
