#include "storageendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"

#include "common/utc.h"
#include <QCryptographicHash>

#include <QDateTime>
#include <QRegularExpression>

namespace {

HttpResponse s3Error(int status, const char *code, const char *message)
{
    HttpResponse response;
    response.status = status;
    response.body = QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>") + code +
                    "</Code><Message>" + message + "</Message></Error>";
    response.setHeader("Content-Type", "application/xml");
    return response;
}

// "bytes=A-" or "bytes=A-B" within size; false for anything else (multiple ranges included).
bool parseRange(const QByteArray &header, qint64 size, qint64 *first, qint64 *last)
{
    static const QRegularExpression re(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
    const QRegularExpressionMatch match = re.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return false;
    *first = match.captured(1).toLongLong();
    *last =
        match.captured(2).isEmpty() ? size - 1 : std::min(size - 1, match.captured(2).toLongLong());
    return *first < size && *first <= *last;
}

} // namespace

HttpResponse StorageEndpoints::handle(const HttpRequest &request)
{
    if (!request.header("authorization").isEmpty())
        m_context.counters.add(Counters::Event::StorageAuthorization);
    static const QRegularExpression path(QStringLiteral("^/blobs/(\\d+)\\.pdf$"));
    const QRegularExpressionMatch match = path.match(request.path);
    if (!match.hasMatch())
        return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    if (request.method != "GET" && request.method != "HEAD")
        return s3Error(405, "MethodNotAllowed", "The specified method is not allowed.");
    const qint64 revisionId = match.captured(1).toLongLong();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    switch (m_context.links.check("blob", revisionId, request.queryValue(QStringLiteral("expires")),
                                  request.queryValue(QStringLiteral("signature")), now)) {
    case LinkSigner::Check::Valid:
        break;
    case LinkSigner::Check::Expired:
        return s3Error(403, "AccessDenied", "Request has expired");
    case LinkSigner::Check::Forged:
        return s3Error(403, "SignatureDoesNotMatch",
                       "The request signature we calculated does not match the signature you "
                       "provided.");
    }
    const DrawingSheet *sheet = m_context.drawings.sheetOfRevision(m_context.data, revisionId);
    if (!sheet)
        return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    const QByteArray file = m_context.drawings.pdf(*sheet);

    HttpResponse response;
    response.setHeader("Content-Type", "application/pdf");
    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("ETag",
                       '"' + QCryptographicHash::hash(file, QCryptographicHash::Md5).toHex() + '"');
    response.setHeader("Last-Modified",
                       QDateTime::fromSecsSinceEpoch(sheet->revision.updatedAt, Utc::zone)
                           .toString(u"ddd, dd MMM yyyy HH:mm:ss 'GMT'")
                           .toLatin1());
    const QByteArray range = request.header("range");
    qint64 first = 0, last = file.size() - 1;
    if (range.isEmpty() || m_context.config.storageIgnoresRanges) {
        response.body = file;
    } else if (parseRange(range, file.size(), &first, &last)) {
        response.status = 206;
        response.body = file.mid(first, last - first + 1);
        response.setHeader("Content-Range", "bytes " + QByteArray::number(first) + '-' +
                                                QByteArray::number(last) + '/' +
                                                QByteArray::number(file.size()));
    } else {
        HttpResponse refused =
            s3Error(416, "InvalidRange", "The requested range is not satisfiable");
        refused.setHeader("Content-Range", "bytes */" + QByteArray::number(file.size()));
        return refused;
    }
    return response;
}
