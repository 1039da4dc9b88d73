// Spanish, and translation done properly (issue 14): every tr() string of app/ and ui/ has a
// Spanish translation that keeps its placeholders and accelerator, plurals follow each
// language's forms, the language follows --language, then the setting, then the system, and
// the real executable's --help and errors speak it (Qt's own lines too).
#include "common/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <utility>

namespace {
struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    bool finished = true;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = Message{context, {}, {}, true};
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"translation") {
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            message.finished = type.isEmpty();
            // Either text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == u"translation") && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == u"numerusform")
                    message.translations << xml.readElementText();
            }
            if (message.translations.isEmpty())
                message.translations << text;
            messages << message;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// %1…%99 and %n/%Ln, sorted: what a translation must keep.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%(L?n|\\d{1,2})"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

int accelerators(const QString &text)
{
    return int(text.count(QLatin1Char('&')) - 2 * text.count(QStringLiteral("&&")));
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runApp(const QStringList &arguments, const QString &language = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!language.isEmpty())
        environment.insert(QStringLiteral("LANGUAGE"), language);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(PROCORE_DESKTOP_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}
} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyMessageIsTranslated_data();
    void everyMessageIsTranslated();
    void translationsKeepPlaceholders();
    void pluralsFollowTheLanguage_data();
    void pluralsFollowTheLanguage();
    void choosesTheLanguage_data();
    void choosesTheLanguage();
    void helpAndErrorsSpeakTheLanguage_data();
    void helpAndErrorsSpeakTheLanguage();

private:
    QList<Message> m_current; // procore_es.ts brought up to date with the sources
};

void TestTranslations::initTestCase()
{
    // lupdate over today's sources into a copy of the committed file: a tr() string added
    // since anyone last translated shows up here as unfinished.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("procore_es.ts"));
    QVERIFY(QFile::copy(QStringLiteral(PROCORE_SOURCE_DIR "/resources/translations/procore_es.ts"),
                        copy));
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(PROCORE_SOURCE_DIR));
    lupdate.start(QStringLiteral(PROCORE_LUPDATE_PATH),
                  {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral("-no-obsolete"), QStringLiteral("app"), QStringLiteral("ui"),
                   QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    QString error;
    m_current = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_current.size() > 250, "lupdate found too few strings; is it scanning app/ and ui/?");
}

void TestTranslations::everyMessageIsTranslated_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("translations");
    QTest::addColumn<bool>("finished");
    for (const Message &message : std::as_const(m_current))
        QTest::addRow("%s: %s", qPrintable(message.context), qPrintable(message.source.left(60)))
            << message.context << message.source << message.translations << message.finished;
}

void TestTranslations::everyMessageIsTranslated()
{
    QFETCH(QStringList, translations);
    QFETCH(bool, finished);
    QVERIFY2(finished, "no Spanish translation yet (see TRANSLATING.md)");
    for (const QString &translation : translations)
        QVERIFY(!translation.trimmed().isEmpty());
}

void TestTranslations::translationsKeepPlaceholders()
{
    QStringList broken;
    for (const Message &message : std::as_const(m_current)) {
        for (const QString &translation : message.translations) {
            if (placeholders(translation) != placeholders(message.source) ||
                accelerators(translation) != accelerators(message.source))
                broken << QStringLiteral("%1: \"%2\" -> \"%3\"")
                              .arg(message.context, message.source, translation);
        }
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1Char('\n'))));
}

void TestTranslations::pluralsFollowTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("noun");

    QTest::newRow("en 1") << "en" << 1 << "project";
    QTest::newRow("en 20000") << "en" << 20000 << "projects";
    QTest::newRow("es 1") << "es" << 1 << "proyecto";
    QTest::newRow("es 0") << "es" << 0 << "proyectos";
    QTest::newRow("es 20000") << "es" << 20000 << "proyectos";
}

void TestTranslations::pluralsFollowTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, noun);
    QVERIFY(Translations::install(language));
    QCOMPARE(Translations::current(), language);
    const QString text =
        QCoreApplication::translate("ProjectsPage", "%Ln project(s)", nullptr, count);
    // Numbers as the language writes them ("20,000" / "20.000").
    QCOMPARE(text, QLocale(language).toString(count) + QLatin1Char(' ') + noun);
    QVERIFY(Translations::install(QStringLiteral("en")));
}

void TestTranslations::choosesTheLanguage_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("chosen");

    QTest::newRow("system Spanish (Mexico)") << ""
                                             << ""
                                             << "es_MX"
                                             << "es";
    QTest::newRow("system Spanish (Spain)") << ""
                                            << ""
                                            << "es_ES"
                                            << "es";
    QTest::newRow("system English") << ""
                                    << ""
                                    << "en_GB"
                                    << "en";
    QTest::newRow("system French: English") << ""
                                            << ""
                                            << "fr_FR"
                                            << "en";
    QTest::newRow("system Portuguese: English") << ""
                                                << ""
                                                << "pt_BR"
                                                << "en";
    QTest::newRow("setting beats system") << ""
                                          << "es"
                                          << "en_US"
                                          << "es";
    QTest::newRow("option beats setting") << "en"
                                          << "es"
                                          << "es_ES"
                                          << "en";
    QTest::newRow("unknown option falls through") << "xx"
                                                  << ""
                                                  << "es_ES"
                                                  << "es";
    QTest::newRow("unknown setting falls through") << ""
                                                   << "klingon"
                                                   << "en_US"
                                                   << "en";
}

void TestTranslations::choosesTheLanguage()
{
    QFETCH(QString, option);
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, chosen);
    QCOMPARE(Translations::choose(option, setting, QLocale(system)), chosen);
}

void TestTranslations::helpAndErrorsSpeakTheLanguage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentLanguage");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("--language es --help")
        << QStringList{QStringLiteral("--language"), QStringLiteral("es"), QStringLiteral("--help")}
        << "" << 0
        << QStringList{QStringLiteral("Muestra esta ayuda y termina."),
                       QStringLiteral("Opciones:") /* Qt's own line */};
    QTest::newRow("system Spanish, --help")
        << QStringList{QStringLiteral("--help")} << "es" << 0
        << QStringList{QStringLiteral("Idioma de la ventana y de los mensajes: en, es")};
    QTest::newRow("--language en beats the system")
        << QStringList{QStringLiteral("--language"), QStringLiteral("en"), QStringLiteral("--help")}
        << "es" << 0 << QStringList{QStringLiteral("Show this help and exit.")};
    QTest::newRow("system Spanish, bad option")
        << QStringList{QStringLiteral("--json")} << "es" << 64
        << QStringList{
               QStringLiteral("--json solo funciona con --list-projects y --list-drawings.")};
    QTest::newRow("unknown language")
        << QStringList{QStringLiteral("--language"), QStringLiteral("xx")} << "" << 64
        << QStringList{QStringLiteral("--language takes one of: en, es.")};
}

void TestTranslations::helpAndErrorsSpeakTheLanguage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentLanguage);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    const Run run = runApp(arguments, environmentLanguage);
    QCOMPARE(run.exitCode, exitCode);
    const QString all = run.out + run.err;
    for (const QString &text : expected)
        QVERIFY2(all.contains(text), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
