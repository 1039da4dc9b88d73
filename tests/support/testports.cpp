#include "testports.h"

#include <QTcpServer>

namespace TestPorts {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace TestPorts
