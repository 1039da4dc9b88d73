#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

// The languages the app speaks and the one in use. Messages are compiled into the executables
// (":/i18n/procore_<code>.qm", from resources/translations) beside Qt's own (qtbase_<code>.qm
// from Qt's translations folder), so standard dialogs and --help's built-in lines match.
namespace Translations {
// The settings key that overrides the system's language ("ui/language").
QString settingsKey();
// BCP 47 codes the app ships, the source language ("en") first.
QStringList available();
// The language's own name for itself ("English", "español").
QString nativeName(const QString &code);
// --language, else the setting, else the first of the system's UI languages the app speaks,
// else English. An unknown code falls through to the next source.
QString choose(const QString &option, const QString &setting, const QLocale &system);
// Replaces the app's and Qt's translators with `code`'s (an app instance must exist) and makes
// it the default locale for dates and numbers. False when `code` is not available.
bool install(const QString &code);
// The code last installed ("en" before any).
QString current();
} // namespace Translations
