#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

// Files under `root` whose bytes contain any of `needles` (empty needles are ignored), each
// once. The keyring's own folder (.local/share/keyrings) is skipped: it is the one place a
// secret belongs. Proof that a token reached no other file.
QStringList filesContaining(const QString &root, const QList<QByteArray> &needles);
