#pragma once

#include "dataset.h"
#include "emulatorconfig.h"

// --html-names: data a hostile project admin could type into Procore. Project names and
// addresses, company names and user names become markup (an image from file://, a link
// asking to "re-login", bold text), so a test can check that the app shows them as text.
namespace HtmlNames {
// The markup put in front of every project name (and the start of every address).
QString projectPrefix();
void apply(Dataset *data, EmulatorConfig *config);
} // namespace HtmlNames
