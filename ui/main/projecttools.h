#pragma once

#include "model/project.h"
#include "model/weblinks.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QMenu;

// What can be done with one project beyond selecting it: open any of its tools in Procore's
// web app (WebLinks' table, on the company's zone host), copy its links or its address, and
// show it on a map. One menu for the table's context menu and the details pane.
class ProjectTools final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectTools)
public:
    // The tool's page of a project; invalid while the company's zone host is unknown.
    using UrlFor = std::function<QUrl(qint64 projectId, WebLinks::Route route)>;

    // `companyId` names the company a copied link opens in (the one whose list is shown).
    ProjectTools(UrlFor urlFor, std::function<qint64()> companyId, QObject *parent = nullptr);

    // Fills `menu` (cleared first) for `project`.
    void fillMenu(QMenu *menu, const Project &project);
    static QString toolName(WebLinks::Route route);
    // The text "Copy link" puts on the clipboard: the app's link, then the web page's.
    QString linkText(const Project &project) const;
    static QString addressText(const Project &project);
    // A geo: URI for the system's map handler, and the web search used when none answers.
    static QUrl geoUrl(const QString &address);
    static QUrl mapSearchUrl(const QString &address);

signals:
    // The window opens it (browser) and says so when it cannot.
    void openRequested(const QUrl &url);
    void mapRequested(const QString &address);

private:
    UrlFor m_urlFor;
    std::function<qint64()> m_companyId;
};
