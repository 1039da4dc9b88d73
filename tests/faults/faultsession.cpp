#include "faultsession.h"

#include "api/apiclient.h"
#include "model/projectlistmodel.h"
#include "signedinseed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

FaultSession::FaultSession() = default;

FaultSession::~FaultSession()
{
    m_session.reset();
    m_emulator.stop();
}

bool FaultSession::start(const QStringList &emulatorArgs, QString *why)
{
    if (!m_emulator.start(emulatorArgs)) {
        *why = m_emulator.errorString();
        return false;
    }
    m_parts = Session::makeParts(SignedInSeed::environment(m_emulator), SignedInSeed::client(),
                                 &m_store, &m_network);
    ApiClient *api = m_parts.api;
    RetryPolicy policy;
    policy.baseDelayMs = 50;
    policy.maxDelayMs = 200;
    policy.maxWaitMs = 5000;
    api->setRetryPolicy(policy);
    api->setTransferTimeoutMs(1000);
    m_parts.auth->setRequestTimeout(3000);
    m_parts.auth->setProactiveRefresh(false);
    m_session = std::make_unique<Session>(m_parts, m_cacheDir.path());
    m_session->start();
    if (!QTest::qWaitFor([&] { return m_session->state() == Session::State::SignedOut; }, 10000)) {
        *why = QStringLiteral("the session did not settle signed out");
        return false;
    }
    return signIn(why);
}

bool FaultSession::signIn(QString *why)
{
    if (!SignedInSeed::signIn(*m_session, why))
        return false;
    if (!QTest::qWaitFor([&] { return m_session->state() == Session::State::SignedIn; }, 10000)) {
        *why = QStringLiteral("not signed in: %1").arg(m_session->problem().detail);
        return false;
    }
    if (!waitIdle(30000)) {
        *why = QStringLiteral("the first load did not end");
        return false;
    }
    if (m_session->problem().isError()) {
        *why = QStringLiteral("the first load failed: %1").arg(m_session->problem().detail);
        return false;
    }
    return true;
}

bool FaultSession::waitIdle(int timeoutMs)
{
    // Loading starts on the next event-loop turn; let it begin before waiting for its end.
    QTest::qWait(20);
    return QTest::qWaitFor([&] { return !m_session->isLoading(); }, timeoutMs);
}

bool FaultSession::reload(int timeoutMs)
{
    QSignalSpy loading(m_session.get(), &Session::loadingChanged);
    m_session->refresh();
    if (!QTest::qWaitFor([&] { return loading.count() > 0 || m_session->isLoading(); }, 2000))
        return false;
    return QTest::qWaitFor([&] { return !m_session->isLoading(); }, timeoutMs);
}

int FaultSession::injected(const QJsonObject &fault) const
{
    const int count = fault.value(QStringLiteral("count")).toInt(1);
    int status = 0;
    const QJsonArray active =
        QJsonDocument::fromJson(m_emulator.control("GET", QStringLiteral("faults"), {}, &status))
            .array();
    for (const QJsonValue &value : active) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("kind")) == fault.value(QStringLiteral("kind")))
            return count - object.value(QStringLiteral("count")).toInt();
    }
    return count; // used up, so no longer listed
}

bool FaultSession::grantStillWorks()
{
    ProcoreAuth *auth = m_parts.auth;
    if (!auth->isSignedIn())
        return false;
    QSignalSpy refreshed(auth, &TokenSource::tokensRefreshed);
    QSignalSpy failed(auth, &TokenSource::refreshFailed);
    auth->refresh();
    return QTest::qWaitFor([&] { return refreshed.count() + failed.count() > 0; }, 10000) &&
           refreshed.count() == 1;
}

QList<qint64> FaultSession::projectIds() const
{
    QList<qint64> ids;
    for (const Project &project : m_session->projects()->projects())
        ids << project.id;
    return ids;
}

bool FaultSession::hasDuplicates(const QList<qint64> &ids)
{
    return QSet<qint64>(ids.begin(), ids.end()).size() != ids.size();
}
