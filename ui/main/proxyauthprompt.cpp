#include "proxyauthprompt.h"

#include "proxyauthdialog.h"

#include "common/logging.h"
#include "session/session.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

ProxyAuthPrompt::ProxyAuthPrompt(QNetworkAccessManager *network, Session *session, QObject *parent)
    : QObject(parent)
{
    // Direct: Qt needs the credentials filled in before the slot returns.
    connect(network, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            &ProxyAuthPrompt::ask, Qt::DirectConnection);
    connect(session, &Session::loadingChanged, this, [this](bool loading) {
        if (loading)
            m_declined.clear();
    });
}

void ProxyAuthPrompt::ask(const QNetworkProxy &proxy, QAuthenticator *authenticator)
{
    const QString name = QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port());
    if (m_asking) {
        // Qt's network thread waits while the dialog is open, so only another manager gets
        // here; its request fails with the proxy error and the banner offers Retry.
        qCInfo(lcUi) << "proxy" << name << "asked again while its dialog is open";
        return;
    }
    if (m_declined.contains(name)) {
        qCInfo(lcUi) << "proxy" << name << "asks again in the load its dialog was cancelled in";
        return;
    }
    const bool rejectedBefore = m_answered.contains(name);
    qCInfo(lcUi) << "proxy" << name << "asks for credentials" << (rejectedBefore ? "again" : "");
    emit prompting(name);
    m_asking = true;
    ProxyAuthDialog dialog(name, authenticator->realm(), rejectedBefore, m_window);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    m_asking = false;
    if (!accepted) {
        m_answered.remove(name);
        m_declined.insert(name);
        return; // no credentials: Qt fails the request with ProxyAuthenticationRequiredError
    }
    authenticator->setUser(dialog.user());
    authenticator->setPassword(dialog.password());
    m_answered.insert(name);
}
