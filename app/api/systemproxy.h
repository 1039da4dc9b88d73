#pragma once

class QNetworkAccessManager;

// The proxy the system names, for every request the app makes: on Linux http_proxy,
// https_proxy and no_proxy (read through libproxy, which also knows GNOME's and KDE's
// settings and PAC files), on Windows the WinHTTP/Internet Options settings, on macOS the
// network settings. Proxy credentials are asked for by whoever shows the window
// (QNetworkAccessManager::proxyAuthenticationRequired) and live only in that manager's memory.
namespace SystemProxy {

// Once, before any network object or WebEngine profile exists: the process-wide default
// (QNetworkProxyFactory::setUseSystemConfiguration). QtWebEngine reads this flag to decide
// whether Chromium takes the system's settings, so the sign-in window needs it too.
void useSystemConfiguration();

// Gives `network` a factory that asks the system for every URL. Qt's process-wide factory
// sends localhost and 127.0.0.1 direct whatever the settings say; this one leaves that to the
// system's bypass list (no_proxy), as curl does. Procore's hosts are never loopback, so the
// difference only shows with the emulator: listed in no_proxy it is reached directly,
// otherwise through the proxy — which is how the tests prove requests go through it.
void apply(QNetworkAccessManager *network);

} // namespace SystemProxy
