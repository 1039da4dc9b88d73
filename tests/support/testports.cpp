#include "testports.h"

#include <QTcpServer>

namespace TestPorts {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

quint16 freePortPair()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer first;
        if (!first.listen(QHostAddress::LocalHost, 0) || first.serverPort() >= 65534)
            continue;
        QTcpServer second;
        if (second.listen(QHostAddress::LocalHost, first.serverPort() + 1))
            return first.serverPort();
    }
    return 0;
}

} // namespace TestPorts
