#pragma once

#include <QList>
#include <QObject>
#include <QUrl>

// Stands in for the system browser: register it with
// QDesktopServices::setUrlHandler("http", &catcher, "open") and it records what the app opens.
class UrlCatcher final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls.append(url); }
};
