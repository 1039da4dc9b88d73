#include "emulator.h"

#include "datagenerator.h"
#include "emulatorserver.h"
#include "htmlnames.h"
#include "htmlpages.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <cstring>

static const QString apiName = QStringLiteral("api");
static const QString storageName = QStringLiteral("storage");
static constexpr qsizetype maxQueryBytes = 8192;

// A JSON array of junk strings exactly `bytes` long (at least 16): valid JSON of the wrong shape
// for every endpoint, so a client has to cope with its size, not with a syntax error.
static QByteArray junkArray(qsizetype bytes)
{
    // Written in place: appending 1.4 million small pieces made an 80 MiB answer take more
    // than a second to start on a loaded machine, longer than a client's transfer timeout.
    static constexpr char head[] = "\"junk ";
    static constexpr qsizetype digits = 10;
    static constexpr qsizetype itemSize = sizeof(head) - 1 + digits + 1 + 40 + 2;
    QByteArray out(bytes, Qt::Uninitialized);
    char *p = out.data();
    *p++ = '[';
    for (qint64 n = 0; (p - out.data()) + 68 < bytes; ++n) {
        char *item = p;
        std::memcpy(item, head, sizeof(head) - 1);
        qint64 rest = n;
        for (qsizetype d = digits; d > 0; --d, rest /= 10)
            item[sizeof(head) - 1 + d - 1] = char('0' + rest % 10);
        item[sizeof(head) - 1 + digits] = ' ';
        std::memset(item + sizeof(head) + digits, 'x', 40);
        std::memcpy(item + itemSize - 2, "\",", 2);
        p += itemSize;
    }
    *p = '"';
    std::memset(p + 1, 'z', out.data() + bytes - 2 - (p + 1));
    out[bytes - 2] = '"';
    out[bytes - 1] = ']';
    return out;
}

Emulator::Emulator(const EmulatorConfig &config, QObject *parent)
    : QObject(parent)
    , m_authorize(m_context)
    , m_token(m_context)
    , m_rest(m_context)
    , m_control(m_context)
    , m_storage(m_context)
{
    m_context.config = config;
    m_context.drawings.configure(config.seed, config.projects, config.drawingSheets,
                                 config.drawingBytes);
    m_context.rateLimiter.configure(config.rateLimit, config.rateWindow);
    for (const QJsonObject &json : config.faults) {
        QString error;
        if (const auto fault = Fault::fromJson(json, &error))
            m_context.faults.add(*fault);
    }
}

Emulator::~Emulator() = default;

bool Emulator::start()
{
    QElapsedTimer timer;
    timer.start();
    m_context.data = DataGenerator::generate(m_context.config.seed, m_context.config.companies,
                                             m_context.config.projects);
    if (m_context.config.htmlNames)
        HtmlNames::apply(&m_context.data, &m_context.config);
    m_generationMs = timer.elapsed();

    // With --port 0 the three servers still take neighbouring ports, so a test can stop the
    // emulator and start it again on the same ports with --port N.
    const quint16 port = m_context.config.port;
    const int timeoutMs = m_context.config.requestTimeoutMs;
    constexpr int attempts = 50;
    for (int attempt = 1;; ++attempt) {
        delete m_login;
        delete m_api;
        delete m_storageServer;
        m_login = new EmulatorServer(QStringLiteral("login"), this, this);
        m_api = new EmulatorServer(apiName, this, this);
        m_storageServer = new EmulatorServer(storageName, this, this);
        if (!m_login->listenOnLoopback(port, timeoutMs)) {
            m_error = QStringLiteral("login server: %1").arg(m_login->errorString());
            return false;
        }
        const bool fits = m_login->port() < 65534;
        const bool apiUp = fits && m_api->listenOnLoopback(quint16(m_login->port() + 1), timeoutMs);
        if (apiUp && m_storageServer->listenOnLoopback(quint16(m_login->port() + 2), timeoutMs))
            break;
        if (port != 0 || attempt == attempts) {
            m_error = apiUp
                          ? QStringLiteral("storage server: %1").arg(m_storageServer->errorString())
                          : QStringLiteral("API server: %1").arg(m_api->errorString());
            return false;
        }
    }
    m_context.loginBase = QStringLiteral("http://127.0.0.1:%1").arg(m_login->port());
    m_context.apiBase = QStringLiteral("http://127.0.0.1:%1").arg(m_api->port());
    m_context.storageBase = QStringLiteral("http://127.0.0.1:%1").arg(m_storageServer->port());
    return true;
}

QStringList Emulator::banner() const
{
    const EmulatorConfig &config = m_context.config;
    const OAuthClient &client = config.clients.constFirst();
    const DemoUser &user = config.users.constFirst();
    QStringList lines{
        QStringLiteral("procore-emulator ready login=%1 api=%2 storage=%3")
            .arg(loginBase(), apiBase(), m_context.storageBase),
        QStringLiteral("  Login server (OAuth): %1").arg(loginBase()),
        QStringLiteral("  API server (REST):    %1").arg(apiBase()),
        QStringLiteral("  Storage (file links): %1").arg(m_context.storageBase),
        QStringLiteral("  Authorize URL:        %1/oauth/authorize?response_type=code&client_id=%2"
                       "&redirect_uri=%3")
            .arg(loginBase(), client.id,
                 QString::fromLatin1(FormEncoding::encode(client.redirectUris.constFirst()))),
        QStringLiteral("  Client ID:            %1").arg(client.id),
        QStringLiteral("  Client secret:        %1").arg(client.secret),
        QStringLiteral("  Redirect URIs:        %1")
            .arg(client.redirectUris.join(QStringLiteral(", "))),
        QStringLiteral("  Demo login:           %1 / %2").arg(user.email, user.password),
        QStringLiteral(
            "  Data:                 %1 companies x %2 projects (seed %3), generated in %4 ms")
            .arg(config.companies)
            .arg(config.projects)
            .arg(config.seed)
            .arg(m_generationMs),
    };
    lines.append(config.control
                     ? QStringLiteral("  Control API:          %1/_emulator/").arg(apiBase())
                     : QStringLiteral("  Control API:          off (--control)"));
    return lines;
}

HttpResponse Emulator::faultAnswer(const Fault &fault)
{
    switch (fault.kind) {
    case Fault::Kind::Unavailable: {
        HttpResponse response = HttpResponse::restError(503, QStringLiteral("Service Unavailable"));
        response.setHeader("Retry-After", QByteArray::number(fault.retryAfter));
        return response;
    }
    case Fault::Kind::TooManyRequests: {
        HttpResponse response = HttpResponse::restError(429, QStringLiteral("Too Many Requests"));
        response.setHeader("Retry-After", QByteArray::number(fault.retryAfter));
        return response;
    }
    default:
        return HttpResponse::restError(fault.status, QStringLiteral("Internal Server Error"));
    }
}

Delivery Emulator::dispatch(const HttpRequest &request)
{
    Delivery delivery;
    const bool api = request.server == apiName;
    if (api && request.path.startsWith(u"/_emulator/")) {
        delivery.response = m_context.config.control
                                ? m_control.handle(request)
                                : HttpResponse::restError(404, QStringLiteral("Not Found"));
        return delivery;
    }
    m_context.counters.record(request);
    delivery.delayMs = m_context.config.latencyMs;
    const FaultInjector::Hit hit = m_context.faults.take(request.path);
    delivery.delayMs += hit.extraDelayMs;
    const std::optional<Fault> &fault = hit.answer;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    bool rateHeaders = api;
    if (fault &&
        (fault->kind == Fault::Kind::ServerError || fault->kind == Fault::Kind::Unavailable ||
         fault->kind == Fault::Kind::TooManyRequests)) {
        delivery.response = faultAnswer(*fault);
        if (fault->kind == Fault::Kind::TooManyRequests) {
            const RateLimiter::State state = m_context.rateLimiter.peek(now);
            delivery.response.setHeader("X-Rate-Limit-Limit", QByteArray::number(state.limit));
            delivery.response.setHeader("X-Rate-Limit-Remaining", "0");
            delivery.response.setHeader("X-Rate-Limit-Reset",
                                        QByteArray::number(now / 1000 + fault->retryAfter));
            rateHeaders = false;
        }
    } else if (fault && fault->kind == Fault::Kind::Redirect) {
        delivery.response = HttpResponse::redirect(fault->location.toUtf8());
        delivery.response.status = fault->status;
    } else if (request.rawQuery.size() > maxQueryBytes) {
        delivery.response = HttpResponse::restError(414, QStringLiteral("URI Too Long"));

    } else if (api && !m_context.rateLimiter.take(now).allowed) {
        m_context.counters.add(Counters::Event::RateLimited);
        const RateLimiter::State state = m_context.rateLimiter.peek(now);
        delivery.response = HttpResponse::restError(429, QStringLiteral("Too Many Requests"));
        delivery.response.setHeader(
            "Retry-After", QByteArray::number(std::max<qint64>(1, state.resetAt - now / 1000)));
    } else {
        delivery.response = route(request);
    }
    if (rateHeaders) {
        const RateLimiter::State state = m_context.rateLimiter.peek(now);
        delivery.response.setHeader("X-Rate-Limit-Limit", QByteArray::number(state.limit));
        delivery.response.setHeader("X-Rate-Limit-Remaining", QByteArray::number(state.remaining));
        delivery.response.setHeader("X-Rate-Limit-Reset", QByteArray::number(state.resetAt));
    }
    if (fault && fault->kind == Fault::Kind::Drop)
        delivery.mode = Delivery::Mode::Drop;
    else if (fault && fault->kind == Fault::Kind::Stall)
        delivery.mode = Delivery::Mode::Stall;
    else if (fault && fault->kind == Fault::Kind::Malformed)
        delivery.response.body.truncate(std::max<qsizetype>(1, delivery.response.body.size() / 2));
    else if (fault && fault->kind == Fault::Kind::Huge) {
        delivery.response = HttpResponse::rawJson(200, junkArray(fault->bytes));
        delivery.response.chunked = fault->chunked;
    }
    if (request.server == storageName && request.method != "HEAD") {
        const qsizetype body = delivery.response.body.size();
        m_context.counters.addStorageBytes(delivery.mode == Delivery::Mode::Normal ? body
                                           : delivery.mode == Delivery::Mode::Drop ? body / 2
                                                                                   : 0);
    }
    return delivery;
}

HttpResponse Emulator::route(const HttpRequest &request)
{
    if (request.server == storageName)
        return m_storage.handle(request);
    if (request.server == apiName) {
        if (request.path.startsWith(u"/rest/") || request.path.startsWith(u"/files/"))
            return m_rest.handle(request);
        return HttpResponse::restError(404, QStringLiteral("Not Found"));
    }
    if (auto response = m_authorize.handle(request))
        return *response;
    if (auto response = m_token.handle(request))
        return *response;
    return HttpResponse::html(404, HtmlPages::error(QStringLiteral("not_found"),
                                                    QStringLiteral("The page you were looking for "
                                                                   "doesn't exist.")));
}
