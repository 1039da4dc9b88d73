#include "projecttools.h"

#include "links/deeplink.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QUrlQuery>

ProjectTools::ProjectTools(UrlFor urlFor, std::function<qint64()> companyId, QObject *parent)
    : QObject(parent)
    , m_urlFor(std::move(urlFor))
    , m_companyId(std::move(companyId))
{}

QString ProjectTools::toolName(WebLinks::Route route)
{
    switch (route) {
    case WebLinks::Route::ProjectHome:
        return tr("Home");
    case WebLinks::Route::Drawings:
        return tr("Drawings");
    case WebLinks::Route::Documents:
        return tr("Documents");
    case WebLinks::Route::Rfis:
        return tr("RFIs");
    case WebLinks::Route::Submittals:
        return tr("Submittals");
    case WebLinks::Route::DailyLog:
        return tr("Daily Log");
    case WebLinks::Route::Photos:
        return tr("Photos");
    case WebLinks::Route::PunchList:
        return tr("Punch List");
    case WebLinks::Route::Directory:
        return tr("Directory");
    case WebLinks::Route::CompanyHome:
        break;
    }
    return {};
}

QString ProjectTools::linkText(const Project &project) const
{
    const qint64 company = project.companyId > 0 ? project.companyId : m_companyId();
    const QString app = DeepLink{project.id, company}.toUrl().toString();
    const QUrl web = m_urlFor(project.id, WebLinks::Route::ProjectHome);
    return web.isValid() ? app + u'\n' + web.toString() : app;
}

QString ProjectTools::addressText(const Project &project)
{
    QStringList lines;
    if (!project.address.trimmed().isEmpty())
        lines << project.address.trimmed();
    QStringList place;
    for (const QString &part : {project.city, project.stateCode, project.zip}) {
        if (!part.trimmed().isEmpty())
            place << part.trimmed();
    }
    if (!place.isEmpty())
        lines << place.join(u' ');
    if (!project.countryCode.trimmed().isEmpty())
        lines << project.countryCode.trimmed();
    return lines.join(QStringLiteral(", "));
}

QUrl ProjectTools::geoUrl(const QString &address)
{
    // RFC 5870 has no search; "geo:0,0?q=" is the form map apps register for.
    QUrl url(QStringLiteral("geo:0,0"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"), address);
    url.setQuery(query);
    return url;
}

QUrl ProjectTools::mapSearchUrl(const QString &address)
{
    QUrl url(QStringLiteral("https://www.openstreetmap.org/search"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), address);
    url.setQuery(query);
    return url;
}

void ProjectTools::fillMenu(QMenu *menu, const Project &project)
{
    menu->clear();
    for (const WebLinks::Route route : WebLinks::projectTools()) {
        const QUrl url = m_urlFor(project.id, route);
        QAction *action = menu->addAction(toolName(route));
        action->setEnabled(url.isValid());
        action->setToolTip(url.toString());
        connect(action, &QAction::triggered, this, [this, url] { emit openRequested(url); });
    }
    menu->addSeparator();
    const QString link = linkText(project);
    connect(menu->addAction(tr("Copy link")), &QAction::triggered, this,
            [link] { QApplication::clipboard()->setText(link); });
    const QString address = addressText(project);
    QAction *copyAddress = menu->addAction(tr("Copy address"));
    copyAddress->setEnabled(!address.isEmpty());
    connect(copyAddress, &QAction::triggered, this,
            [address] { QApplication::clipboard()->setText(address); });
    QAction *map = menu->addAction(tr("Show on map"));
    map->setEnabled(!address.isEmpty());
    connect(map, &QAction::triggered, this, [this, address] { emit mapRequested(address); });
}
