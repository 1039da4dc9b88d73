#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A strip above the project list for news that must not block: offline, errors, "sign in
// again". Text plus at most one action, and a close button for the dismissable ones.
class BannerWidget final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BannerWidget)
public:
    enum class Tone { Info, Warning, Error };

    explicit BannerWidget(QWidget *parent = nullptr);

    // An empty actionText hides the button.
    void showMessage(Tone tone, const QString &text, const QString &actionText = {});
    void clear();
    // Its buttons in Tab order, for the page's focus chain.
    QList<QWidget *> tabStops() const;
    QString text() const;
    QString actionText() const;

signals:
    void actionTriggered();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_action = nullptr;
    QPushButton *m_close = nullptr;
};
