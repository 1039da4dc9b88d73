#include "pdfsheet.h"

#include <QHash>
#include <QList>

#include <algorithm>

namespace {

// PDF string literals: only printable ASCII survives, and the delimiters are escaped.
QByteArray pdfText(const QString &text)
{
    QByteArray out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7e)
            out += '?';
        else if (u == '(' || u == ')' || u == '\\')
            out += QByteArray("\\") + char(u);
        else
            out += char(u);
    }
    return out;
}

// A tiny linear congruential generator: the padding must be the same on every run and machine.
struct Lcg
{
    quint64 state;
    int next(int bound)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % quint64(bound));
    }
};

QByteArray pageContent(const PdfSheet::Spec &spec, int page, qsizetype padBytes, Lcg *lcg)
{
    // A1-ish landscape sheet in points (841 x 594), border, title block bottom right.
    QByteArray s = "0.2 w 20 20 801 554 re S 561 20 260 90 re S\n";
    s += "BT /F1 36 Tf 575 60 Td (" + pdfText(spec.number) + ") Tj ET\n";
    s += "BT /F1 11 Tf 575 92 Td (" + pdfText(spec.title) + ") Tj ET\n";
    s += "BT /F1 9 Tf 575 30 Td (Rev " + pdfText(spec.revision) + "  Page " +
         QByteArray::number(page + 1) + " of " + QByteArray::number(spec.pages) + ") Tj ET\n";
    s += "BT /F1 120 Tf 120 300 Td (" + pdfText(spec.number) + ") Tj ET\n";
    // Line work: short strokes inside the drawing area until the page has its share of bytes.
    const qsizetype goal = s.size() + padBytes;
    while (s.size() < goal) {
        const int x = 30 + lcg->next(520), y = 130 + lcg->next(430);
        s += QByteArray::number(x) + ' ' + QByteArray::number(y) + " m " +
             QByteArray::number(x + lcg->next(200)) + ' ' + QByteArray::number(y + lcg->next(40)) +
             " l S\n";
    }
    return s;
}

} // namespace

static QByteArray build(const PdfSheet::Spec &spec, qsizetype padPerPage, qsizetype filler)
{
    const int pages = std::max(1, spec.pages);
    Lcg lcg{spec.seed ^ qHash(spec.number)};

    QByteArray out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    QList<qsizetype> offsets;
    const auto object = [&](const QByteArray &body) {
        offsets.append(out.size());
        out += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    QByteArray kids;
    for (int p = 0; p < pages; ++p)
        kids += QByteArray::number(4 + 2 * p) + " 0 R ";
    object("<< /Type /Catalog /Pages 2 0 R >>");
    object("<< /Type /Pages /Kids [" + kids.trimmed() + "] /Count " + QByteArray::number(pages) +
           " >>");
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (int p = 0; p < pages; ++p) {
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 841 594] /Resources << /Font << /F1 "
               "3 0 R >> >> /Contents " +
               QByteArray::number(5 + 2 * p) + " 0 R >>");
        QByteArray content = pageContent(spec, p, padPerPage, &lcg);
        if (p == pages - 1)
            content += QByteArray(std::max<qsizetype>(0, filler), ' ') + '\n';
        object("<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content +
               "endstream");
    }
    const qsizetype xref = out.size();
    out += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : std::as_const(offsets))
        out += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    out += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return out;
}

QByteArray PdfSheet::make(const Spec &spec)
{
    // Objects: 1 catalog, 2 pages, 3 font, then a page and its content stream per page. The
    // line work comes close to the target; spaces in the last stream make it exact (a few
    // rounds, as the lengths written in the file change with it).
    const int pages = std::max(1, spec.pages);
    const qsizetype overhead = 700 + qsizetype(pages) * 480;
    const qsizetype padPerPage = std::max<qsizetype>(0, spec.targetBytes - overhead) / pages;
    qsizetype filler = 0;
    QByteArray out = build(spec, padPerPage, filler);
    for (int round = 0; round < 4 && out.size() != spec.targetBytes; ++round) {
        filler += spec.targetBytes - out.size();
        if (filler < 0)
            break; // the target is smaller than the sheet itself
        out = build(spec, padPerPage, filler);
    }
    return out;
}
