#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// Decides what the login view does with a URL it is about to load. Pure logic, no
// WebEngine, so it is tested on its own and shared with the launcher's reply check.
class LoginNavigationPolicy final
{
public:
    enum class Decision {
        Load,           // an allowed login page: load it in the view
        CatchRedirect,  // the redirect URI: hand it to the caller, never request it
        OpenExternally, // a foreign page: the system browser, not the view
        Refuse,         // neither (sub-frame to a foreign host, odd scheme, http downgrade)
    };

    void setRedirectUri(const QUrl &uri);
    QUrl redirectUri() const { return m_redirectUri; }
    // Entries are "host" (the scheme's default port) or "host:port"; invalid ones are ignored.
    void setAllowedHosts(const QStringList &entries);
    // Allows the host and port of the given URL (the authorize URL's login host).
    void allowHostOf(const QUrl &url);
    QStringList allowedHosts() const;

    Decision decide(const QUrl &url, bool isMainFrame) const;
    // RedirectUri::matches, the rule the redirect handler applies too.
    bool isRedirect(const QUrl &url) const;
    bool isAllowed(const QUrl &url) const;

    static bool isValidHostEntry(const QString &entry);

private:
    struct HostPort
    {
        QString host;
        int port = -1; // -1: the scheme's default port
    };
    static bool parseEntry(const QString &entry, HostPort *out);

    QUrl m_redirectUri;
    QList<HostPort> m_allowed;
};
