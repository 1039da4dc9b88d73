#include "commandline.h"

#include "common/appinfo.h"
#include "common/translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>

namespace {
bool mentionsLink(const QString &argument)
{
    return argument.contains(DeepLink::scheme() + QLatin1Char(':'), Qt::CaseInsensitive);
}

// A desktop hands a clicked link over as one argument, but Windows's "%1" and some launchers
// let a crafted link's quotes through, so one link can become several arguments (e.g.
// `--sign-out` or `--api-url`). So a list holding a link may hold nothing else but the link,
// `--company <id>` and `--`. Returns the offending argument, or an empty string.
QString outsiderNextToLink(const QStringList &arguments)
{
    const QStringList rest = arguments.mid(1);
    if (std::none_of(rest.cbegin(), rest.cend(), mentionsLink))
        return {};
    const QString company = QStringLiteral("--company");
    bool seenLink = false;
    bool separated = false; // after "--" everything is positional
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString &argument = rest.at(i);
        const bool isLink =
            argument.startsWith(DeepLink::scheme() + QLatin1Char(':'), Qt::CaseInsensitive);
        if (isLink && !seenLink) {
            seenLink = true;
            continue;
        }
        if (separated || mentionsLink(argument))
            return argument;
        if (argument == QLatin1String("--")) {
            separated = true;
            continue;
        }
        if (argument == company && i + 1 < rest.size() && !mentionsLink(rest.at(i + 1))) {
            ++i;
            continue;
        }
        if (!argument.startsWith(company + QLatin1Char('=')))
            return argument.isEmpty() ? QStringLiteral("\"\"") : argument;
    }
    return {};
}

// For a message: short, and without characters a terminal would act on.
QString quoted(const QString &text)
{
    QString out;
    for (const QChar c : text.left(60))
        out += c.isPrint() ? c : QChar(u'?');
    return QLatin1Char('"') + out +
           (text.size() > 60 ? QStringLiteral("…\"") : QStringLiteral("\""));
}
} // namespace

CommandLine CommandLine::parse(const QStringList &arguments, QString *errorMessage)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("%1 shows your Procore companies and projects.").arg(AppInfo::name()));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     tr("Show the version and exit."));
    const QCommandLineOption environment(
        QStringLiteral("environment"),
        tr("Procore environment (default: production): production (login.procore.com), sandbox "
           "(the developer sandbox, with its own sandbox app credentials), monthly (the monthly "
           "sandbox, with production credentials) or federal (the Federal Zone, "
           "login.procoregov.com and api.procoregov.com, with its own app registration). An "
           "on-demand sandbox is on the production hosts with production credentials."),
        tr("name"));
    const QCommandLineOption loginUrl(QStringLiteral("login-url"),
                                      tr("Custom OAuth login base URL (with --api-url)."),
                                      tr("url"));
    const QCommandLineOption apiUrl(QStringLiteral("api-url"),
                                    tr("Custom REST API base URL (with --login-url)."), tr("url"));
    const QCommandLineOption project(QStringLiteral("project"),
                                     tr("Open the project with this ID."), tr("id"));
    const QCommandLineOption company(
        QStringLiteral("company"),
        tr("The company of --project or of a link, or of --list-projects."), tr("id"));
    const QCommandLineOption listProjects(
        QStringLiteral("list-projects"),
        tr("Print your projects without opening a window (uses the stored sign-in)."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        tr("With --list-projects or --list-drawings: print JSON instead of a table."));
    const QCommandLineOption syncDrawings(
        QStringLiteral("sync-drawings"),
        tr("Download the current drawing set of --project for offline use, print a summary and "
           "exit (uses the stored sign-in)."));
    const QCommandLineOption listDrawings(
        QStringLiteral("list-drawings"),
        tr("Print the drawings of --project kept on this computer and exit; works offline."));
    const QCommandLineOption signIn(
        QStringLiteral("sign-in"),
        tr("Sign in from the terminal through your web browser (or by pasting a code when the "
           "redirect URI is urn:ietf:wg:oauth:2.0:oob), then exit."));
    const QCommandLineOption signOut(QStringLiteral("sign-out"),
                                     tr("Sign out: revoke the app's access and forget the "
                                        "stored sign-in, then exit."));
    const QString languages = Translations::available().join(QStringLiteral(", "));
    const QCommandLineOption language(
        QStringLiteral("language"),
        tr("Language of the window and of the messages: %1 (default: the one chosen in the "
           "window, else the system's).")
            .arg(languages),
        tr("code"));
    parser.addOptions({help, version, environment, loginUrl, apiUrl, project, company, listProjects,
                       json, syncDrawings, listDrawings, signIn, signOut, language});
    parser.addPositionalArgument(QStringLiteral("link"),
                                 tr("A procore-desktop://project/<id> link to open."),
                                 QStringLiteral("[link]"));

    CommandLine result;
    result.helpText = parser.helpText();
    if (const QString outsider = outsiderNextToLink(arguments); !outsider.isEmpty()) {
        *errorMessage = tr("Refused: a procore-desktop:// link can come only with --company, not "
                           "with %1. Nothing was changed. If you clicked a link, it may have "
                           "been made to look like more than a link.")
                            .arg(quoted(outsider));
        return result;
    }
    if (!parser.parse(arguments)) {
        *errorMessage = parser.errorText();
        return result;
    }
    result.environment = parser.value(environment);
    result.language = parser.value(language);
    if (!result.language.isEmpty() && !Translations::available().contains(result.language)) {
        *errorMessage = tr("--language takes one of: %1.").arg(languages);
        return result;
    }
    result.loginUrl = parser.value(loginUrl);
    result.apiUrl = parser.value(apiUrl);
    result.json = parser.isSet(json);

    int actions = 0;
    const auto pick = [&](bool set, Action action) {
        if (set) {
            result.action = action;
            ++actions;
        }
    };
    pick(parser.isSet(listProjects), Action::ListProjects);
    pick(parser.isSet(syncDrawings), Action::SyncDrawings);
    pick(parser.isSet(listDrawings), Action::ListDrawings);
    pick(parser.isSet(signIn), Action::SignIn);
    pick(parser.isSet(signOut), Action::SignOut);
    pick(parser.isSet(version), Action::Version);
    pick(parser.isSet(help), Action::Help);
    if (actions > 1) {
        *errorMessage = tr("Choose one of --list-projects, --sync-drawings, --list-drawings, "
                           "--sign-in, --sign-out, --version and --help.");
        return result;
    }
    if (result.json && result.action != Action::ListProjects &&
        result.action != Action::ListDrawings) {
        *errorMessage = tr("--json only works with --list-projects and --list-drawings.");
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        *errorMessage = tr("Give at most one link.");
        return result;
    }
    const QString companyText = parser.value(company);
    if (result.action == Action::ListProjects) {
        if (!companyText.isEmpty()) {
            result.companyId = DeepLink::parseId(companyText);
            if (result.companyId == 0) {
                *errorMessage = tr("\"%1\" is not a Procore company ID.").arg(companyText.left(40));
                return result;
            }
        }
        if (parser.isSet(project) || !positional.isEmpty()) {
            *errorMessage = tr("--list-projects does not open a project.");
            return result;
        }
        return result;
    }

    if (result.action == Action::SyncDrawings || result.action == Action::ListDrawings) {
        // Here a bad ID is the whole request, not a link to report beside a window.
        if (!parser.isSet(project) || !positional.isEmpty()) {
            *errorMessage = tr("--sync-drawings and --list-drawings need --project <id>.");
            return result;
        }
        const DeepLinkResult link = DeepLink::fromIds(parser.value(project), companyText);
        if (!link.ok()) {
            *errorMessage = link.error.message;
            return result;
        }
        result.link = link.link;
        result.companyId = link.link.companyId;
        return result;
    }

    DeepLinkResult link;
    if (parser.isSet(project)) {
        if (!positional.isEmpty()) {
            *errorMessage = tr("Give either --project or a link, not both.");
            return result;
        }
        link = DeepLink::fromIds(parser.value(project), companyText);
    } else if (!positional.isEmpty()) {
        link = DeepLink::fromUrl(positional.front());
        if (link.ok() && !companyText.isEmpty()) {
            const qint64 companyId = DeepLink::parseId(companyText);
            if (companyId == 0 || (link.link.companyId != 0 && link.link.companyId != companyId)) {
                *errorMessage =
                    tr("--company %1 does not go with this link.").arg(quoted(companyText));
                return result;
            }
            link.link.companyId = companyId;
        }
    } else if (!companyText.isEmpty()) {
        *errorMessage = tr("--company goes with --project or --list-projects.");
        return result;
    }
    if (link.ok())
        result.link = link.link;
    else
        result.linkError = link.error;
    return result;
}

DeepLinkResult CommandLine::forwardedLink(const QStringList &arguments)
{
    QString parseError;
    const CommandLine command = parse(arguments, &parseError);
    if (!parseError.isEmpty())
        return {{}, ProcoreError(ProcoreError::Kind::Config, parseError)};
    return {command.link, command.linkError};
}
