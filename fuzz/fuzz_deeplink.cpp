// DeepLink::fromUrl and DeepLink::fromIds on any text: links come from web pages and other
// programs. Beyond not crashing: an accepted link is valid and survives toUrl() -> fromUrl(),
// an accepted ID prints back to exactly its text, and the URL form agrees with the ID form.
#include "fuzzcheck.h"
#include "links/deeplink.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);

    const DeepLinkResult result = DeepLink::fromUrl(text);
    fuzzCheck(result.ok() == result.link.isValid(), "fromUrl: ok() iff the link is valid", text);
    if (result.ok()) {
        fuzzCheck(!result.error.message.isEmpty() || !result.error.isError(),
                  "fromUrl: no message on success");
        fuzzCheck(text.size() <= DeepLink::maxUrlLength, "fromUrl: accepted an over-long link",
                  text);
        const QString again = result.link.toUrl().toString(QUrl::FullyEncoded);
        const DeepLinkResult reparsed = DeepLink::fromUrl(again);
        fuzzCheck(reparsed.ok() && reparsed.link == result.link,
                  "fromUrl(toUrl()) gives the same link", text + QStringLiteral(" -> ") + again);
    } else {
        fuzzCheck(result.error.kind == ProcoreError::Kind::Config &&
                      !result.error.message.isEmpty(),
                  "fromUrl: a refused link carries a Config error with a message", text);
    }

    // The same bytes as "--project A --company B", split at the first '?'.
    const qsizetype split = text.indexOf(QLatin1Char('?'));
    const QString project = split < 0 ? text : text.left(split);
    const QString company = split < 0 ? QString() : text.mid(split + 1);
    const DeepLinkResult ids = DeepLink::fromIds(project, company);
    fuzzCheck(ids.ok() == ids.link.isValid(), "fromIds: ok() iff the link is valid", text);
    if (ids.ok()) {
        fuzzCheck(QString::number(ids.link.projectId) == project,
                  "fromIds: the project ID prints back to its text", project);
        fuzzCheck(company.isEmpty() || QString::number(ids.link.companyId) == company,
                  "fromIds: the company ID prints back to its text", company);
    }
    const qint64 id = DeepLink::parseId(text);
    fuzzCheck(id >= 0, "parseId is never negative", text);
    fuzzCheck(id == 0 || QString::number(id) == text, "parseId accepts only canonical IDs", text);
    return 0;
}
