#pragma once

#include <QByteArray>
#include <QString>

// A drawing sheet as a small, valid PDF: every page has a title block with the sheet number and
// title in Helvetica, and deterministic line work pads the file to about the size asked for, so
// a sync moves realistic bytes and a viewer has something to paint. Same inputs, same bytes.
namespace PdfSheet {
struct Spec
{
    QString number; // "A-101"
    QString title;
    QString revision; // printed in the title block
    int pages = 2;
    qsizetype targetBytes = 48 * 1024;
    quint64 seed = 1;
};
QByteArray make(const Spec &spec);
} // namespace PdfSheet
