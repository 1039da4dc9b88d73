#include "fileopenfilter.h"

#include <QFileOpenEvent>

bool FileOpenFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FileOpen) {
        emit urlOpened(static_cast<QFileOpenEvent *>(event)->url());
        return true;
    }
    return QObject::eventFilter(watched, event);
}
