#include "controlendpoints.h"

#include "emulatorcontext.h"
#include "httprequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>

static HttpResponse ok()
{
    return HttpResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("ok"), true}}));
}

static HttpResponse failure(int status, const QString &message)
{
    return HttpResponse::json(status,
                              QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}));
}

static bool readObject(const HttpRequest &request, QJsonObject *object, QString *error)
{
    if (request.body.trimmed().isEmpty()) {
        *object = {};
        return true;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("body must be a JSON object");
        return false;
    }
    *object = document.object();
    return true;
}

HttpResponse ControlEndpoints::handle(const HttpRequest &request)
{
    const QString name = request.path.mid(QStringLiteral("/_emulator/").size());
    const QByteArray &method = request.method;
    if (name == u"counters" && method == "GET")
        return HttpResponse::json(200, QJsonDocument(m_context.counters.toJson()));
    if (name == u"reset" && method == "POST") {
        m_context.counters.reset();
        return ok();
    }
    if (name == u"faults" && method == "POST")
        return addFault(request);
    if (name == u"faults" && method == "DELETE") {
        m_context.faults.clear();
        return ok();
    }
    if (name == u"faults" && method == "GET")
        return faults();
    if (name == u"expire-tokens" && method == "POST") {
        m_context.tokens.expireAll();
        return ok();
    }
    if (name == u"revoke-all" && method == "POST") {
        m_context.tokens.revokeAll();
        return ok();
    }
    if (name == u"config" && method == "POST")
        return configure(request);
    if (name == u"data" && method == "GET")
        return data();
    if (name == u"drawings/expire-links" && method == "POST") {
        m_context.links.expireAll();
        return ok();
    }
    if (name == u"drawings/revise" && method == "POST")
        return reviseDrawings(request);
    return failure(404, QStringLiteral("unknown control endpoint %1 %2")
                            .arg(QString::fromLatin1(method), request.path));
}

HttpResponse ControlEndpoints::addFault(const HttpRequest &request)
{
    QJsonObject json;
    QString error;
    if (!readObject(request, &json, &error))
        return failure(400, error);
    const std::optional<Fault> fault = Fault::fromJson(json, &error);
    if (!fault)
        return failure(400, error);
    // The immediate kinds act now instead of waiting for an answer to hit.
    if (fault->kind == Fault::Kind::ExpireEarly && !fault->hasMs)
        m_context.tokens.expireAll();
    else if (fault->kind == Fault::Kind::RevokeAll)
        m_context.tokens.revokeAll();
    else
        m_context.faults.add(*fault);
    return ok();
}

HttpResponse ControlEndpoints::faults() const
{
    QJsonArray list;
    for (const Fault &fault : m_context.faults.active())
        list.append(fault.toJson());
    return HttpResponse::json(200, QJsonDocument(list));
}

static bool readSetting(const QJsonObject &json, const QString &key, int min, int max, int *out,
                        QString *error)
{
    if (!json.contains(key))
        return true;
    const double value = json.value(key).toDouble(-1e300);
    if (!json.value(key).isDouble() || value != double(qint64(value)) || value < min ||
        value > max) {
        *error =
            QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(key).arg(min).arg(max);
        return false;
    }
    *out = int(value);
    return true;
}

// An array of company IDs replaces the set; anything else is refused.
static bool readIds(const QJsonObject &json, const QString &key, QSet<qint64> *out, QString *error)
{
    if (!json.contains(key))
        return true;
    const QJsonValue value = json.value(key);
    QSet<qint64> ids;
    bool ok = value.isArray();
    for (const QJsonValue &id : value.toArray()) {
        ok = ok && id.isDouble() && id.toInteger() > 0;
        ids.insert(id.toInteger());
    }
    if (!ok) {
        *error = QStringLiteral("\"%1\" must be an array of company IDs").arg(key);
        return false;
    }
    *out = ids;
    return true;
}

HttpResponse ControlEndpoints::configure(const HttpRequest &request)
{
    QJsonObject json;
    QString error;
    if (!readObject(request, &json, &error))
        return failure(400, error);
    static const QStringList known{QStringLiteral("expiresIn"),
                                   QStringLiteral("codeTtl"),
                                   QStringLiteral("rateLimit"),
                                   QStringLiteral("rateWindow"),
                                   QStringLiteral("latency"),
                                   QStringLiteral("requirePkce"),
                                   QStringLiteral("forbiddenCompanies"),
                                   QStringLiteral("unauthorizedCompanies"),
                                   QStringLiteral("webBaseUrl"),
                                   QStringLiteral("activeOnlyByDefault"),
                                   QStringLiteral("freeCompanies"),
                                   QStringLiteral("inactiveCompanies"),
                                   QStringLiteral("emptyCompanies"),
                                   QStringLiteral("hiddenProjects"),
                                   QStringLiteral("drawingLinkTtl"),
                                   QStringLiteral("storageLinkTtl"),
                                   QStringLiteral("storageIgnoresRanges")};
    for (const QString &key : json.keys()) {
        if (!known.contains(key))
            return failure(400, QStringLiteral("unknown setting \"%1\"").arg(key));
    }
    EmulatorConfig &config = m_context.config;
    EmulatorConfig updated = config;
    if (!readSetting(json, QStringLiteral("expiresIn"), 1, 1000000000, &updated.expiresIn,
                     &error) ||
        !readSetting(json, QStringLiteral("codeTtl"), 1, 1000000000, &updated.codeTtl, &error) ||
        !readSetting(json, QStringLiteral("rateLimit"), 0, 1000000000, &updated.rateLimit,
                     &error) ||
        !readSetting(json, QStringLiteral("rateWindow"), 1, 1000000000, &updated.rateWindow,
                     &error) ||
        !readSetting(json, QStringLiteral("latency"), 0, 600000, &updated.latencyMs, &error) ||
        !readSetting(json, QStringLiteral("drawingLinkTtl"), 0, 1000000000, &updated.drawingLinkTtl,
                     &error) ||
        !readSetting(json, QStringLiteral("storageLinkTtl"), 0, 1000000000, &updated.storageLinkTtl,
                     &error))
        return failure(400, error);
    if (json.contains(QStringLiteral("requirePkce"))) {
        if (!json.value(QStringLiteral("requirePkce")).isBool())
            return failure(400, QStringLiteral("\"requirePkce\" must be true or false"));
        updated.requirePkce = json.value(QStringLiteral("requirePkce")).toBool();
    }
    if (!readIds(json, QStringLiteral("forbiddenCompanies"), &updated.forbiddenCompanies, &error) ||
        !readIds(json, QStringLiteral("unauthorizedCompanies"), &updated.unauthorizedCompanies,
                 &error) ||
        !readIds(json, QStringLiteral("freeCompanies"), &updated.freeCompanies, &error) ||
        !readIds(json, QStringLiteral("inactiveCompanies"), &updated.inactiveCompanies, &error) ||
        !readIds(json, QStringLiteral("emptyCompanies"), &updated.emptyCompanies, &error) ||
        !readIds(json, QStringLiteral("hiddenProjects"), &updated.hiddenProjects, &error))
        return failure(400, error);
    for (const auto &[key, flag] :
         {std::pair{QStringLiteral("activeOnlyByDefault"), &updated.activeOnlyByDefault},
          std::pair{QStringLiteral("storageIgnoresRanges"), &updated.storageIgnoresRanges}}) {
        if (!json.contains(key))
            continue;
        if (!json.value(key).isBool())
            return failure(400, QStringLiteral("\"%1\" must be true or false").arg(key));
        *flag = json.value(key).toBool();
    }
    if (json.contains(QStringLiteral("webBaseUrl"))) {
        if (!json.value(QStringLiteral("webBaseUrl")).isString())
            return failure(400, QStringLiteral("\"webBaseUrl\" must be a string"));
        updated.webBaseUrl = json.value(QStringLiteral("webBaseUrl")).toString();
    }
    const bool rateChanged =
        updated.rateLimit != config.rateLimit || updated.rateWindow != config.rateWindow;
    config = updated;
    if (rateChanged)
        m_context.rateLimiter.configure(config.rateLimit, config.rateWindow);
    return ok();
}

// {"project_id": ID, "count": N}: a new current revision for N of the project's sheets, as when
// the office issues a new set between two syncs.
HttpResponse ControlEndpoints::reviseDrawings(const HttpRequest &request)
{
    QJsonObject json;
    QString error;
    if (!readObject(request, &json, &error))
        return failure(400, error);
    const qint64 projectId = qint64(json.value(QStringLiteral("project_id")).toDouble());
    const int count = json.value(QStringLiteral("count")).toInt(1);
    if (projectId <= 0 || count < 1)
        return failure(400, QStringLiteral("needs a positive project_id and count"));
    const int changed = m_context.drawings.revise(m_context.data, projectId, count,
                                                  QDateTime::currentSecsSinceEpoch());
    return HttpResponse::json(200,
                              QJsonDocument(QJsonObject{{QStringLiteral("revised"), changed}}));
}

HttpResponse ControlEndpoints::data() const
{
    QJsonArray companies;
    QJsonObject projects;
    for (int i = 0; i < m_context.data.companies.size(); ++i) {
        const qint64 id = m_context.data.companies.at(i).id;
        companies.append(id);
        projects.insert(QString::number(id), m_context.data.projects.at(i).size());
    }
    return HttpResponse::json(200,
                              QJsonDocument(QJsonObject{{QStringLiteral("companies"), companies},
                                                        {QStringLiteral("projects"), projects}}));
}
