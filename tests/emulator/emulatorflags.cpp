#include "emulatorflags.h"

#include "datagenerator.h"
#include "fault.h"

#include <QCommandLineParser>

namespace {

bool readInt(const QCommandLineParser &parser, const QString &name, int min, int max, int *out,
             QString *message)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        *message =
            QStringLiteral("--%1 must be an integer from %2 to %3").arg(name).arg(min).arg(max);
        return false;
    }
    *out = int(value);
    return true;
}

bool readIds(const QCommandLineParser &parser, const QString &name, QSet<qint64> *out,
             QString *message)
{
    for (const QString &id : parser.values(name)) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!ok || value <= 0) {
            *message = QStringLiteral("--%1 needs a company ID, got \"%2\"").arg(name, id);
            return false;
        }
        out->insert(value);
    }
    return true;
}

} // namespace

EmulatorFlags::Result EmulatorFlags::parse(const QStringList &arguments, EmulatorConfig *config,
                                           QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A strict stand-in for Procore's login (OAuth 2.0) and REST API servers on 127.0.0.1, "
        "for development, tests and demos."));
    const QCommandLineOption help = parser.addHelpOption();
    const auto option = [&](const char *name, const char *description,
                            const char *valueName = nullptr, const char *defaultValue = nullptr) {
        QCommandLineOption opt(QString::fromLatin1(name), QString::fromLatin1(description));
        if (valueName)
            opt.setValueName(QString::fromLatin1(valueName));
        if (defaultValue)
            opt.setDefaultValue(QString::fromLatin1(defaultValue));
        parser.addOption(opt);
    };
    option("port", "Login server port; the API server uses port+1. 0 picks two free ports.", "N",
           "0");
    option("redirect-uri", "Registers one more redirect URI for the default client (repeatable).",
           "URI");
    option("expires-in", "Access token lifetime announced and enforced, in seconds.", "S", "5400");
    option("code-ttl", "Authorization code lifetime in seconds.", "S", "600");
    option("require-pkce", "Demand an S256 code_challenge and check the code_verifier.");
    option("seed", "Seed of the generated data.", "N", "1");
    option("companies", "Number of companies.", "N", "3");
    option("projects", "Projects per company.", "N", "150");
    option("forbidden-company", "Company ID that answers 403 (app not installed); repeatable.",
           "ID");
    option("unauthorized-company",
           "Company ID that answers 401 to a good token (app not installed); repeatable.", "ID");
    option("web-base-url",
           "web_base_url that GET /rest/v1.0/company_base_url answers (the company's zone host); "
           "default: the API server's own base.",
           "URL");
    option(
        "list-inactive-by-default",
        "GET /rest/v1.1/projects without filters[by_status] lists inactive projects too (Procore "
        "lists active ones only).");
    option("free-company",
           "Company ID on Procore's free plan: /companies lists it only with "
           "include_free_companies=true; repeatable.",
           "ID");
    option("inactive-company", "Company ID listed with is_active false; repeatable.", "ID");
    option("empty-company", "Company ID where the user sees no projects; repeatable.", "ID");
    option("hidden-project",
           "Project ID the user may not read: left out of lists, 404 on its own; repeatable.",
           "ID");
    option("rate-limit", "Requests allowed per rate window on the API server.", "N", "3600");
    option("rate-window", "Length of the rate-limit window in seconds.", "S", "3600");
    option("latency", "Delay added to every answer, in milliseconds.", "MS", "0");
    option("fault",
           "Switches a fault on at start: KIND[:COUNT|always][,ms=N][,status=N][,retryAfter=S]"
           "[,path=/prefix]. KIND is latency, 5xx, 503, 429, drop, malformed, stall or "
           "expire-early. Repeatable.",
           "SPEC");
    option("request-timeout", "Answers 408 and closes when a request is still incomplete after MS.",
           "MS", "10000");
    option("control", "Enables the control API under /_emulator/ on the API server.");
    option("html-names", "Project, company and user names and addresses are HTML markup.");
    option("drawing-sheets", "Drawing sheets per project (in up to three areas); 0 for none.", "N",
           "12");
    option("drawing-bytes", "Size of a sheet's PDF in bytes (+-10 %).", "B", "49152");
    option("drawing-link-ttl", "Seconds a listed pdf_url stays valid.", "S", "3600");
    option("storage-link-ttl", "Seconds the storage host's signed URL stays valid.", "S", "300");
    option("storage-ignores-ranges",
           "The storage host answers a Range request with the whole file (200).");

    if (!parser.parse(arguments)) {
        *message = parser.errorText();
        return Result::Error;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        return Result::Exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *message = QStringLiteral("unexpected argument: %1")
                       .arg(parser.positionalArguments().constFirst());
        return Result::Error;
    }

    *config = EmulatorConfig::defaults();
    int port = 0;
    int seed = 1;
    if (!readInt(parser, QStringLiteral("port"), 0, 65534, &port, message) ||
        !readInt(parser, QStringLiteral("expires-in"), 1, 1000000000, &config->expiresIn,
                 message) ||
        !readInt(parser, QStringLiteral("code-ttl"), 1, 1000000000, &config->codeTtl, message) ||
        !readInt(parser, QStringLiteral("seed"), 0, 2147483647, &seed, message) ||
        !readInt(parser, QStringLiteral("companies"), 1, DataGenerator::maxCompanies,
                 &config->companies, message) ||
        !readInt(parser, QStringLiteral("projects"), 0, DataGenerator::maxProjectsPerCompany,
                 &config->projects, message) ||
        !readInt(parser, QStringLiteral("rate-limit"), 0, 1000000000, &config->rateLimit,
                 message) ||
        !readInt(parser, QStringLiteral("rate-window"), 1, 1000000000, &config->rateWindow,
                 message) ||
        !readInt(parser, QStringLiteral("latency"), 0, 600000, &config->latencyMs, message) ||
        !readInt(parser, QStringLiteral("request-timeout"), 100, 3600000, &config->requestTimeoutMs,
                 message) ||
        !readInt(parser, QStringLiteral("drawing-sheets"), 0, 5000, &config->drawingSheets,
                 message) ||
        !readInt(parser, QStringLiteral("drawing-bytes"), 2048, 256 * 1024 * 1024,
                 &config->drawingBytes, message) ||
        !readInt(parser, QStringLiteral("drawing-link-ttl"), 0, 1000000000, &config->drawingLinkTtl,
                 message) ||
        !readInt(parser, QStringLiteral("storage-link-ttl"), 0, 1000000000, &config->storageLinkTtl,
                 message))
        return Result::Error;
    config->port = quint16(port);
    config->seed = quint64(seed);
    config->requirePkce = parser.isSet(QStringLiteral("require-pkce"));
    config->control = parser.isSet(QStringLiteral("control"));
    config->htmlNames = parser.isSet(QStringLiteral("html-names"));
    config->storageIgnoresRanges = parser.isSet(QStringLiteral("storage-ignores-ranges"));
    config->webBaseUrl = parser.value(QStringLiteral("web-base-url"));
    config->activeOnlyByDefault = !parser.isSet(QStringLiteral("list-inactive-by-default"));
    for (const QString &uri : parser.values(QStringLiteral("redirect-uri")))
        config->clients.first().redirectUris.append(uri);
    if (!readIds(parser, QStringLiteral("forbidden-company"), &config->forbiddenCompanies,
                 message) ||
        !readIds(parser, QStringLiteral("unauthorized-company"), &config->unauthorizedCompanies,
                 message) ||
        !readIds(parser, QStringLiteral("free-company"), &config->freeCompanies, message) ||
        !readIds(parser, QStringLiteral("inactive-company"), &config->inactiveCompanies, message) ||
        !readIds(parser, QStringLiteral("empty-company"), &config->emptyCompanies, message) ||
        !readIds(parser, QStringLiteral("hidden-project"), &config->hiddenProjects, message))
        return Result::Error;
    for (const QString &spec : parser.values(QStringLiteral("fault"))) {
        QString error;
        const std::optional<Fault> fault = Fault::fromFlag(spec, &error);
        if (!fault) {
            *message = QStringLiteral("--fault %1: %2").arg(spec, error);
            return Result::Error;
        }
        if (fault->kind == Fault::Kind::RevokeAll) {
            *message =
                QStringLiteral("--fault revoke-all: there is nothing to revoke at start; use the "
                               "control API (POST /_emulator/revoke-all)");
            return Result::Error;
        }
        config->faults.append(fault->toJson());
    }
    return Result::Run;
}
