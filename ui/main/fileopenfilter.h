#pragma once

#include <QObject>
#include <QUrl>

// macOS hands procore-desktop:// links to a running app as QEvent::FileOpen instead of argv.
class FileOpenFilter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileOpenFilter)
public:
    using QObject::QObject;

signals:
    void urlOpened(const QUrl &url);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};
