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
    // The argument list a link delivered by the desktop stands for (the macOS open-URL
    // event), behind "--" as the registered handlers pass it.
    static QStringList forLink(const QString &link);
};
