#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// What a signed-out person sees: one clear way in, the environment when it is not production,
// a way round company single sign-on that refuses embedded browsers, and what went wrong last.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setEnvironmentLabel(const QString &label); // empty for production
    // While the login window or the browser is out: a note and a Cancel button.
    void setSigningIn(bool signingIn, const QString &note = {});
    void setMessage(const QString &message);
    QString message() const;
    QPushButton *signInButton() const { return m_signIn; }

signals:
    void signInRequested();
    void browserSignInRequested();
    void cancelRequested();

private:
    QLabel *m_environment = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_browser = nullptr;
    QPushButton *m_cancel = nullptr;
};
