#include "systemproxy.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

namespace {

class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        QList<QNetworkProxy> proxies = systemProxyForQuery(query);
        if (proxies.isEmpty())
            proxies << QNetworkProxy(QNetworkProxy::NoProxy);
        return proxies;
    }
};

} // namespace

namespace SystemProxy {

void useSystemConfiguration()
{
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

void apply(QNetworkAccessManager *network)
{
    network->setProxyFactory(new SystemProxyFactory); // the manager owns it
}

} // namespace SystemProxy
