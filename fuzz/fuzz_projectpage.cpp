// One page of projects as it came off the wire, read by the hand-written fast path
// (Project::parsePage) and, as a differential check, by QJsonDocument + Project::listFromJson.
// The two must agree on every input: both accept or both refuse, and when they accept, the
// projects are equal field by field.
#include "fuzzcheck.h"
#include "model/project.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

namespace {

std::optional<QList<Project>> viaDocument(const QByteArray &json, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = error.errorString();
        return std::nullopt;
    }
    if (!document.isArray()) {
        *why = QStringLiteral("not an array");
        return std::nullopt;
    }
    return Project::listFromJson(document.array(), why);
}

QString describe(const Project &p)
{
    return QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString fastWhy;
    QString slowWhy;
    const std::optional<QList<Project>> fast = Project::parsePage(json, &fastWhy);
    const std::optional<QList<Project>> slow = viaDocument(json, &slowWhy);
    const QString shown = QString::fromUtf8(json.left(400));

    fuzzCheck(fast.has_value() == slow.has_value(),
              "parsePage and QJsonDocument agree on accept/reject",
              QStringLiteral("fast: %1\nQJsonDocument: %2\ninput: %3")
                  .arg(fast ? QStringLiteral("accepted") : fastWhy,
                       slow ? QStringLiteral("accepted") : slowWhy, shown));
    if (!fast) {
        fuzzCheck(!fastWhy.isEmpty(), "a refused page says why", shown);
        return 0;
    }
    fuzzCheck(fast->size() == slow->size(), "same number of projects", shown);
    for (qsizetype i = 0; i < fast->size(); ++i) {
        const Project &a = fast->at(i);
        const Project &b = slow->at(i);
        fuzzCheck(a == b, "same project values",
                  QStringLiteral("index %1\nfast: %2\nQJsonDocument: %3\ninput: %4")
                      .arg(i)
                      .arg(describe(a), describe(b), shown));
        fuzzCheck(a.id > 0, "every accepted project has a positive ID", shown);
        // Procore's shape written back reads as the same project (what the CLI prints).
        const auto again = Project::fromJson(a.toJson());
        fuzzCheck(again && *again == a, "fromJson(toJson()) is the identity", describe(a));
    }
    return 0;
}
