#include "signoutwipe.h"

#include "accountcache.h"
#include "auth/procoreauth.h"
#include "common/logging.h"
#include "drawings/drawingstore.h"
#include "model/projectcache.h"
#include "storage/loginprofile.h"

#include <QFileInfo>
#include <QPointer>
#include <QTimer>

SignOutWipe::SignOutWipe(ProcoreAuth *auth, Paths paths, WindowStopper stopper, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_paths(std::move(paths))
    , m_stopper(std::move(stopper))
{}

SignOutWipe::~SignOutWipe() = default;

QStringList SignOutWipe::finishInterrupted(const QString &loginProfileDir)
{
    QStringList left = LoginProfile::finishWipes(loginProfileDir);
    left += LoginProfile::finishWipes(LoginProfile::legacyDir());
    if (!left.isEmpty())
        qCWarning(lcModel) << "sign-out: still cannot delete" << left;
    return left;
}

void SignOutWipe::start()
{
    if (m_started)
        return;
    m_started = true;
    // Project data must not outlive the sign-out even if the revoke takes its time.
    deleteCopies();
    m_pending = 2;
    connect(
        m_auth, &ProcoreAuth::signedOut, this,
        [this](const QStringList &entries) {
            for (const QString &entry : entries)
                m_leftovers << tr("the sign-in saved in the system keychain (%1)").arg(entry);
            stepDone();
        },
        Qt::SingleShotConnection);
    m_auth->signOut();
    const auto stopped = [self = QPointer<SignOutWipe>(this)] {
        // Queued, so a stopper that answers at once still finds start() returned.
        QTimer::singleShot(0, self, [self] {
            self->deleteProfile();
            self->stepDone();
        });
    };
    if (m_stopper)
        m_stopper(stopped);
    else
        stopped();
}

void SignOutWipe::deleteCopies()
{
    if (!ProjectCache(m_paths.cacheDirectory).clearAll())
        m_leftovers << m_paths.cacheDirectory;
    if (!AccountCache(m_paths.cacheDirectory).clearAll() &&
        !m_leftovers.contains(m_paths.cacheDirectory))
        m_leftovers << m_paths.cacheDirectory;
    if (!m_paths.drawingsDirectory.isEmpty() && !DrawingStore(m_paths.drawingsDirectory).clearAll())
        m_leftovers << m_paths.drawingsDirectory;
}

void SignOutWipe::deleteProfile()
{
    for (const QString &dir : {m_paths.loginProfileDir, LoginProfile::legacyDir()}) {
        QString error;
        if (!dir.isEmpty() && !LoginProfile::clear(dir, &error)) {
            qCWarning(lcModel) << "sign-out: sign-in profile" << dir << "-" << error;
            if (QFileInfo::exists(dir) || !LoginProfile::finishWipes(dir).isEmpty())
                m_leftovers << dir;
        }
    }
}

void SignOutWipe::stepDone()
{
    if (--m_pending > 0)
        return;
    if (m_leftovers.isEmpty())
        qCInfo(lcModel) << "sign-out: nothing of the account is left on disk";
    emit finished(m_leftovers);
}
