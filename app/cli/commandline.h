#pragma once

#include "common/procoreerror.h"
#include "links/deeplink.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// What one launch of procore-desktop was asked to do. The same parser serves the window, the
// command-line mode and a second instance forwarding its arguments to the first.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    enum class Action {
        ShowWindow,
        ListProjects,
        SyncDrawings, // --sync-drawings --project ID [--company ID]
        ListDrawings, // --list-drawings --project ID [--company ID] [--json]
        SignIn,
        SignOut,
        Help,
        Version
    };

    Action action = Action::ShowWindow;
    QString environment; // --environment production|sandbox|monthly|federal
    QString loginUrl;    // --login-url
    QString apiUrl;      // --api-url
    QString language;    // --language en|es (empty: the setting, else the system's)
    qint64 companyId = 0;
    bool json = false;
    DeepLink link;          // --project/--company or a procore-desktop:// argument
    ProcoreError linkError; // a bad link: reported, but the app still starts
    QString helpText;

    // Never fails for a bad link alone (see linkError); fails for unknown options and
    // contradictory actions, with a message meant for a terminal.
    static CommandLine parse(const QStringList &arguments, QString *errorMessage);
    // What a second launch forwarded to the running window asks of it: the link to open (none:
    // just come to the front), or why the arguments were refused (a bad link, or options that
    // a crafted link smuggled in), as a Config error.
    static DeepLinkResult forwardedLink(const QStringList &arguments);
};
