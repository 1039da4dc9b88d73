#include "filedownload.h"

#include "api/apierrors.h"
#include "common/logging.h"
#include "common/redact.h"
#include "storage/privatefiles.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace {

ProcoreError failure(ProcoreError::Kind kind, const QString &message, const QString &detail,
                     int status = 0)
{
    return ProcoreError(kind, message, detail, status);
}

// "bytes 100-199/1000" -> first 100, total 1000.
bool parseContentRange(const QByteArray &value, qint64 *first, qint64 *total)
{
    static const QRegularExpression re(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+)$"));
    const QRegularExpressionMatch match = re.match(QString::fromLatin1(value.trimmed()));
    if (!match.hasMatch())
        return false;
    *first = match.captured(1).toLongLong();
    *total = match.captured(3).toLongLong();
    return true;
}

} // namespace

FileDownload::FileDownload(QNetworkAccessManager *network, const QUrl &url, const QString &target,
                           qint64 expectedSize, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_url(url)
    , m_target(target)
    , m_expected(expectedSize)
{}

FileDownload::~FileDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void FileDownload::start()
{
    if (!PrivateFiles::makeDir(QFileInfo(m_target).path())) {
        finish(failure(ProcoreError::Kind::Config, tr("The drawings folder cannot be created."),
                       QFileInfo(m_target).path()));
        return;
    }
    m_part.setFileName(partPath());
    m_resumedFrom = m_part.exists() ? m_part.size() : 0;
    if (m_expected >= 0 && m_resumedFrom >= m_expected)
        m_resumedFrom = 0; // complete or too long: the check decides nothing, fetch again
    if (m_resumedFrom > 0) {
        // The checksum covers the whole file: what an earlier try left is hashed once here,
        // the rest as it arrives, so a complete file is never read back.
        QFile earlier(m_part.fileName());
        if (earlier.open(QIODevice::ReadOnly))
            m_md5.addData(&earlier);
    }
    if (!m_part.open(m_resumedFrom > 0 ? QIODevice::Append : QIODevice::WriteOnly) ||
        !PrivateFiles::restrict(m_part)) {
        finish(failure(ProcoreError::Kind::Config,
                       tr("A drawing cannot be saved on this computer."), m_part.errorString()));
        return;
    }
    QNetworkRequest request(m_url);
    // Storage gets nothing of ours: no redirects (they could lead anywhere), no cookies, no
    // stored credentials; our User-Agent only.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(TransferTimeoutMs);
    if (m_resumedFrom > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_resumedFrom) + '-');
    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(ReadBufferBytes);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onFinished);
}

void FileDownload::cancel()
{
    finish(ApiErrors::cancelled());
}

bool FileDownload::acceptHeaders()
{
    if (m_headersChecked)
        return true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return false; // the body is an error; onFinished() says which
    m_headersChecked = true;
    m_etag = m_reply->rawHeader("ETag");
    if (status == 206) {
        qint64 first = -1, total = -1;
        if (!parseContentRange(m_reply->rawHeader("Content-Range"), &first, &total) ||
            first != m_resumedFrom || (m_expected >= 0 && total != m_expected)) {
            // Not the continuation we asked for: start over rather than splice.
            qCWarning(lcApi).noquote()
                << "drawings: unusable partial answer from" << Redact::url(m_url);
            m_resumedFrom = 0;
            m_part.resize(0);
            m_part.seek(0);
            m_md5.reset();
            return false;
        }
    } else if (m_resumedFrom > 0) {
        // The whole file came instead of the rest: write it from the start.
        m_resumedFrom = 0;
        m_part.resize(0);
        m_part.seek(0);
        m_md5.reset();
    }
    return true;
}

void FileDownload::onReadyRead()
{
    if (!m_reply || m_finished)
        return;
    if (!acceptHeaders()) {
        // An error page or a bad range: read nothing into the file.
        if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 206)
            m_reply->abort();
        return;
    }
    const QByteArray chunk = m_reply->readAll();
    const qint64 limit = m_expected >= 0 ? m_expected : (qint64(1) << 40);
    if (m_part.size() + chunk.size() > limit) {
        finish(failure(ProcoreError::Kind::BadData, tr("A drawing did not match its size."),
                       QStringLiteral("%1: more than %2 bytes")
                           .arg(Redact::url(m_url), QString::number(limit))));
        return;
    }
    if (m_part.write(chunk) != chunk.size()) {
        finish(failure(ProcoreError::Kind::Config,
                       tr("A drawing cannot be saved on this computer."), m_part.errorString()));
        return;
    }
    m_md5.addData(chunk);
    m_received += chunk.size();
    emit progress(chunk.size());
}

void FileDownload::onFinished()
{
    if (!m_reply || m_finished)
        return;
    onReadyRead(); // whatever is still buffered
    if (m_finished)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = m_reply->error();
    const QString detail = QStringLiteral("GET %1 -> %2 %3")
                               .arg(Redact::url(m_url), QString::number(status),
                                    error == QNetworkReply::NoError
                                        ? QString()
                                        : Redact::networkError(m_reply->errorString(), m_url));
    if (status == 403) {
        finish(failure(ProcoreError::Kind::Forbidden, tr("The drawing's download link expired."),
                       detail, status));
    } else if (status == 200 || status == 206) {
        if (error != QNetworkReply::NoError || !m_headersChecked) {
            m_part.flush();
            finish(failure(error == QNetworkReply::OperationCanceledError ||
                                   error == QNetworkReply::TimeoutError
                               ? ProcoreError::Kind::Timeout
                               : ProcoreError::Kind::Offline,
                           tr("The connection dropped while downloading a drawing."), detail,
                           status));
        } else {
            finish(complete());
        }
    } else if (status == 0) {
        finish(failure(ProcoreError::Kind::Offline, tr("Procore's file storage cannot be reached."),
                       detail));
    } else if (status == 416) {
        m_part.resize(0); // our .part is longer than the file: start over next time
        finish(failure(ProcoreError::Kind::Offline, tr("A download has to start over."), detail,
                       status));
    } else if (status == 404) {
        finish(failure(ProcoreError::Kind::NotFound, tr("The drawing is no longer in Procore."),
                       detail, status));
    } else {
        finish(failure(
            status >= 500 ? ProcoreError::Kind::ServerError : ProcoreError::Kind::BadData,
            tr("Procore's file storage refused a drawing (HTTP %1).").arg(status), detail, status));
    }
}

ProcoreError FileDownload::complete()
{
    m_part.close();
    m_size = QFileInfo(m_part.fileName()).size();
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    const qint64 want = m_expected >= 0 ? m_expected : m_resumedFrom + announced;
    m_md5Hex = m_md5.result().toHex();
    // S3's ETag is the MD5 only for a single-part upload: 32 hex digits in quotes.
    static const QRegularExpression plainMd5(QStringLiteral("^\"?([0-9a-fA-F]{32})\"?$"));
    const QRegularExpressionMatch etag = plainMd5.match(QString::fromLatin1(m_etag));
    QString why;
    if (m_size != want)
        why = QStringLiteral("size %1, expected %2").arg(m_size).arg(want);
    else if (etag.hasMatch() && etag.captured(1).toLower().toLatin1() != m_md5Hex)
        why = QStringLiteral("MD5 %1, ETag %2")
                  .arg(QString::fromLatin1(m_md5Hex), QString::fromLatin1(m_etag));
    if (!why.isEmpty()) {
        QFile::remove(m_part.fileName());
        return failure(ProcoreError::Kind::BadData, tr("A drawing arrived damaged."),
                       Redact::url(m_url) + QStringLiteral(": ") + why);
    }
    QFile::remove(m_target);
    if (!QFile::rename(m_part.fileName(), m_target))
        return failure(ProcoreError::Kind::Config,
                       tr("A drawing cannot be saved on this computer."),
                       QStringLiteral("rename to %1 failed").arg(m_target));
    return {};
}

void FileDownload::finish(const ProcoreError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        // Only a transfer still running is cut: aborting a finished one would close a
        // connection the next file could use.
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    if (m_part.isOpen())
        m_part.close();
    emit finished(error);
    deleteLater();
}
