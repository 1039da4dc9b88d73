#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace {
const QString source = QStringLiteral("en");
QPointer<QTranslator> appTranslator;
QPointer<QTranslator> qtTranslator;
QString installed = source;

void drop(QPointer<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}
} // namespace

QString Translations::settingsKey()
{
    return QStringLiteral("ui/language");
}

QStringList Translations::available()
{
    return {source, QStringLiteral("es")};
}

QString Translations::nativeName(const QString &code)
{
    // Not QLocale::nativeLanguageName(): Qt 6.4 names the region too ("español de España").
    if (code == u"en")
        return QStringLiteral("English");
    if (code == u"es")
        return QStringLiteral("español");
    return code;
}

QString Translations::choose(const QString &option, const QString &setting, const QLocale &system)
{
    for (const QString &wanted : {option, setting}) {
        if (available().contains(wanted))
            return wanted;
    }
    // "es-MX" and "es_419" speak Spanish too: match on the language part.
    const QStringList languages = system.uiLanguages();
    for (const QString &language : languages) {
        const QString base = language.section(QLatin1Char('-'), 0, 0).toLower();
        if (available().contains(base))
            return base;
    }
    return source;
}

bool Translations::install(const QString &code)
{
    if (!available().contains(code))
        return false;
    drop(appTranslator);
    drop(qtTranslator);
    installed = code;
    QLocale::setDefault(QLocale(code));
    // English is the source: the plural forms ("%n project(s)") still come from a catalogue.
    auto *app = new QTranslator(QCoreApplication::instance());
    if (app->load(QStringLiteral(":/i18n/procore_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(app);
        appTranslator = app;
    } else {
        qCWarning(lcUi) << "no messages for language" << code;
        delete app;
    }
    if (code == source)
        return true;
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_%1").arg(code),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        // Qt's own dialogs stay English; ours are still translated.
        qCInfo(lcUi) << "Qt's translations for" << code << "not found";
        delete qt;
    }
    return true;
}

QString Translations::current()
{
    return installed;
}
