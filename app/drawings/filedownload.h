#pragma once

#include "common/procoreerror.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One file from storage (a signed URL off Procore's hosts) into `target`, never with
// credentials: the request carries no Authorization header, no cookies, and follows no
// redirect. Bytes go to `target.part` as they arrive (drained into the file at every
// readyRead, so a file is never held in memory) and the .part is renamed to `target` only when
// complete, its size equal to the expected one and its MD5 equal to the ETag when the ETag is one.
// A .part left by a dropped connection is resumed with a Range request; a server that ignores the
// range starts it over. Finishes exactly once, then deletes itself.
//   Forbidden: the signed URL expired or was refused (list the files again for a fresh one).
//   Offline/Timeout: the connection dropped; the .part stays for a retry.
//   BadData: wrong size or checksum; the .part is deleted.
class FileDownload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDownload)
public:
    // expectedSize -1: take the server's length.
    FileDownload(QNetworkAccessManager *network, const QUrl &url, const QString &target,
                 qint64 expectedSize, QObject *parent = nullptr);
    ~FileDownload() override;

    void start();
    void cancel();
    QString target() const { return m_target; }
    QByteArray md5Hex() const { return m_md5Hex; }
    qint64 size() const { return m_size; }
    // Bytes that came over the network (resumed bytes not counted twice).
    qint64 received() const { return m_received; }
    bool resumed() const { return m_resumedFrom > 0; }

    static constexpr int TransferTimeoutMs = 30000;
    // What Qt may buffer of a reply before we read it: the bound on memory per download.
    // Qt 6.4 reuses the connection only after a file that fit the buffer: 256 KiB made every
    // ~300 KB sheet a new TCP (on the real storage host, TLS) handshake. 1 MiB covers a
    // typical sheet; a larger file pays one handshake, small beside its transfer.
    static constexpr qint64 ReadBufferBytes = 1024 * 1024;

signals:
    void progress(qint64 newBytes);
    void finished(const ProcoreError &error);

private:
    void onReadyRead();
    void onFinished();
    bool acceptHeaders();
    ProcoreError complete();
    void finish(const ProcoreError &error);
    QString partPath() const { return m_target + QStringLiteral(".part"); }

    QNetworkAccessManager *m_network;
    QUrl m_url;
    QString m_target;
    qint64 m_expected;
    QPointer<QNetworkReply> m_reply;
    QFile m_part;
    QCryptographicHash m_md5{QCryptographicHash::Md5}; // of the .part so far
    QByteArray m_etag;
    QByteArray m_md5Hex;
    qint64 m_resumedFrom = 0;
    qint64 m_received = 0;
    qint64 m_size = 0;
    bool m_headersChecked = false;
    bool m_finished = false;
};
