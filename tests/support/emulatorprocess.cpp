#include "emulatorprocess.h"

#include "networkwait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

EmulatorProcess::EmulatorProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProgram(QStringLiteral(PROCORE_EMULATOR_PATH));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &EmulatorProcess::readOutput);
}

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

void EmulatorProcess::readOutput()
{
    m_output += m_process.readAll();
}

bool EmulatorProcess::start(const QStringList &extraArgs)
{
    if (m_process.state() != QProcess::NotRunning) {
        m_error = QStringLiteral("the emulator is already running");
        return false;
    }
    m_output.clear();
    m_login.clear();
    m_api.clear();
    m_process.setArguments(
        QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--control")} +
        extraArgs);
    m_process.start();
    if (!m_process.waitForStarted(15000)) {
        m_error =
            QStringLiteral("cannot start %1: %2").arg(m_process.program(), m_process.errorString());
        return false;
    }
    static const QRegularExpression ready(
        QStringLiteral("^procore-emulator ready login=(http://127\\.0\\.0\\.1:\\d+) "
                       "api=(http://127\\.0\\.0\\.1:\\d+) storage=(http://127\\.0\\.0\\.1:\\d+)$"),
        QRegularExpression::MultilineOption);
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch match = ready.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_login = QUrl(match.captured(1));
            m_api = QUrl(match.captured(2));
            m_storage = QUrl(match.captured(3));
            return true;
        }
        if (m_process.state() == QProcess::NotRunning) {
            readOutput();
            m_error = QStringLiteral("the emulator exited (code %1): %2")
                          .arg(m_process.exitCode())
                          .arg(QString::fromUtf8(m_output));
            return false;
        }
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        readOutput();
    }
    m_error =
        QStringLiteral("no ready line within 15 s; output: %1").arg(QString::fromUtf8(m_output));
    kill();
    return false;
}

void EmulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        kill();
    readOutput();
}

void EmulatorProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
    readOutput();
}

QUrl EmulatorProcess::loginUrl() const
{
    return m_login;
}

QUrl EmulatorProcess::apiUrl() const
{
    return m_api;
}

QString EmulatorProcess::errorString() const
{
    return m_error;
}

QByteArray EmulatorProcess::output() const
{
    return m_output;
}

QByteArray EmulatorProcess::control(const QByteArray &method, const QString &endpoint,
                                    const QByteArray &body, int *status) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(m_api.resolved(QUrl(QStringLiteral("/_emulator/") + endpoint)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    const bool finished = NetworkWait::forReply(reply, 10000);
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status)
        *status = code;
    const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
    if (!finished)
        m_error = QStringLiteral("control API %1 %2 timed out")
                      .arg(QString::fromLatin1(method), endpoint);
    else if (code != 200)
        m_error = QStringLiteral("control API %1 %2 answered %3: %4")
                      .arg(QString::fromLatin1(method), endpoint)
                      .arg(code)
                      .arg(QString::fromUtf8(answer));
    delete reply;
    return answer;
}

static bool succeeded(const QByteArray &answer, int status)
{
    return status == 200 &&
           QJsonDocument::fromJson(answer).object().value(QStringLiteral("ok")).toBool();
}

QJsonObject EmulatorProcess::counters() const
{
    return QJsonDocument::fromJson(control("GET", QStringLiteral("counters"))).object();
}

int EmulatorProcess::counter(const char *name) const
{
    return counters().value(QLatin1String(name)).toInt();
}

int EmulatorProcess::requests(const QString &serverAndPath) const
{
    return counters().value(QStringLiteral("requests")).toObject().value(serverAndPath).toInt();
}

int EmulatorProcess::requestsStartingWith(const QString &prefix) const
{
    int total = 0;
    const QJsonObject requests = counters().value(QStringLiteral("requests")).toObject();
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        if (it.key().startsWith(prefix))
            total += it.value().toInt();
    }
    return total;
}

int EmulatorProcess::apiRequests() const
{
    return requestsStartingWith(QStringLiteral("api:"));
}

int EmulatorProcess::allRequests() const
{
    return requestsStartingWith({});
}

bool EmulatorProcess::resetCounters() const
{
    int status = 0;
    const QByteArray answer = control("POST", QStringLiteral("reset"), {}, &status);
    return succeeded(answer, status);
}

bool EmulatorProcess::setFault(const QJsonObject &fault) const
{
    int status = 0;
    const QByteArray answer = control("POST", QStringLiteral("faults"),
                                      QJsonDocument(fault).toJson(QJsonDocument::Compact), &status);
    return succeeded(answer, status);
}

bool EmulatorProcess::clearFaults() const
{
    int status = 0;
    const QByteArray answer = control("DELETE", QStringLiteral("faults"), {}, &status);
    return succeeded(answer, status);
}

bool EmulatorProcess::expireAllTokens() const
{
    int status = 0;
    const QByteArray answer = control("POST", QStringLiteral("expire-tokens"), {}, &status);
    return succeeded(answer, status);
}

bool EmulatorProcess::revokeAllGrants() const
{
    int status = 0;
    const QByteArray answer = control("POST", QStringLiteral("revoke-all"), {}, &status);
    return succeeded(answer, status);
}

bool EmulatorProcess::configure(const QJsonObject &settings) const
{
    int status = 0;
    const QByteArray answer =
        control("POST", QStringLiteral("config"),
                QJsonDocument(settings).toJson(QJsonDocument::Compact), &status);
    return succeeded(answer, status);
}

QJsonObject EmulatorProcess::data() const
{
    return QJsonDocument::fromJson(control("GET", QStringLiteral("data"))).object();
}

QString EmulatorProcess::clientId()
{
    return QStringLiteral("procore-desktop-demo");
}

QString EmulatorProcess::clientSecret()
{
    return QStringLiteral("demo-secret-not-secret");
}

QString EmulatorProcess::redirectUri()
{
    return QStringLiteral("http://127.0.0.1:8765/callback");
}

QString EmulatorProcess::demoEmail()
{
    return QStringLiteral("demo@example.com");
}

QString EmulatorProcess::demoPassword()
{
    return QStringLiteral("procore-demo");
}

QUrl EmulatorProcess::authorizeUrl(const QList<QPair<QString, QString>> &extraQuery) const
{
    QByteArray query = "response_type=code&client_id=" + QUrl::toPercentEncoding(clientId()) +
                       "&redirect_uri=" + QUrl::toPercentEncoding(redirectUri());
    for (const auto &[key, value] : extraQuery)
        query += '&' + QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    QUrl url = m_login.resolved(QUrl(QStringLiteral("/oauth/authorize")));
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}
