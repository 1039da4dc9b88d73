#include "loginwebprofile.h"

#include "common/logging.h"
#include "storage/loginprofile.h"

#include <QWebEngineCookieStore>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>

QWebEngineProfile *LoginWebProfile::create(const QString &profileDir, bool *persistent,
                                           QObject *parent)
{
    QWebEngineProfile *profile = nullptr;
    QString why;
    *persistent = !profileDir.isEmpty() && LoginProfile::prepare(profileDir, &why);
    if (*persistent) {
        // Stays signed in to Procore between sign-ins (see ui/login/README.md); the main
        // process deletes the folder at sign-out.
        profile = new QWebEngineProfile(QStringLiteral("procore-login"), parent);
        profile->setPersistentStoragePath(profileDir);
        profile->setCachePath(profileDir + QStringLiteral("/cache"));
        profile->setHttpCacheType(QWebEngineProfile::DiskHttpCache);
        profile->setPersistentCookiesPolicy(QWebEngineProfile::ForcePersistentCookies);
    } else {
        if (!profileDir.isEmpty())
            qCWarning(lcUi) << "sign-in profile not usable, signing in off the record:" << why;
        profile = new QWebEngineProfile(parent);
    }
    QObject::connect(profile, &QWebEngineProfile::downloadRequested, profile,
                     [](QWebEngineDownloadRequest *download) {
                         qCInfo(lcUi) << "cancelled a download from the sign-in page";
                         download->cancel();
                     });
    return profile;
}

void LoginWebProfile::clearSession(QWebEngineProfile *profile)
{
    profile->cookieStore()->deleteAllCookies();
    profile->clearHttpCache();
    profile->clearAllVisitedLinks();
}
