#include "htmlnames.h"

namespace HtmlNames {

QString projectPrefix()
{
    return QStringLiteral("<img src=\"file:///etc/hostname\"><a href=\"https://evil.example/\">"
                          "Click to re-login</a> <b>");
}

void apply(Dataset *data, EmulatorConfig *config)
{
    for (Company &company : data->companies)
        company.name = QStringLiteral("<u>%1</u> <i>Inc.</i>").arg(company.name);
    for (QList<Project> &projects : data->projects) {
        for (Project &project : projects) {
            project.name = projectPrefix() + project.name + QStringLiteral("</b>");
            project.address = QStringLiteral("<h1>%1</h1><br>").arg(project.address);
        }
    }
    for (DemoUser &user : config->users)
        user.name = QStringLiteral("<font color=red>%1</font>").arg(user.name);
}

} // namespace HtmlNames
