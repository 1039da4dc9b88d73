#include "filescontaining.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/.local/share/keyrings/")))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray &needle : needles) {
            if (!needle.isEmpty() && bytes.contains(needle)) {
                hits.append(path);
                break;
            }
        }
    }
    return hits;
}
