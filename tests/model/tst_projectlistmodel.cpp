#include "model/projectfiltermodel.h"
#include "model/projectlistmodel.h"
#include "model/sortkey.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

namespace {

Project make(qint64 id, const QString &name, const QString &number = {}, const QString &city = {},
             bool active = true)
{
    Project p;
    p.id = id;
    p.name = name;
    p.projectNumber = number;
    p.city = city;
    p.active = active;
    return p;
}

QStringList names(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, ProjectListModel::NameColumn).data().toString();
    return out;
}

} // namespace

class TestProjectListModel final : public QObject
{
    Q_OBJECT
private slots:
    void appendAndRoles();
    void appendUpdatesKnownIds();
    void setAndClear();
    void defaultSortActiveFirstNatural();
    void sortOtherColumns();
    void nameOrderMatchesFullKeys();
    void filter_data();
    void filter();
    void activeFilter();
    void filterFollowsAppends();
    void typingNarrowsLikeAFreshSearch_data();
    void typingNarrowsLikeAFreshSearch();
    void headersTranslatableAndAccessible();
    void filterSpeed();
};

void TestProjectListModel::appendAndRoles()
{
    ProjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy count(&model, &ProjectListModel::countChanged);

    model.appendProjects(
        {make(5000000001, QStringLiteral("Alpha"), QStringLiteral("A-1"), QStringLiteral("Austin")),
         make(2, QStringLiteral("Beta"))});
    model.appendProjects({make(3, QStringLiteral("Gamma"), {}, {}, false)});
    QCOMPARE(inserted.size(), 2); // one batch per page
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(count.size(), 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(ProjectListModel::ColumnCount));

    const QModelIndex first = model.index(0, ProjectListModel::NameColumn);
    QCOMPARE(first.data(ProjectListModel::IdRole).toLongLong(), 5000000001LL);
    QCOMPARE(first.data(ProjectListModel::ProjectRole).value<Project>().city,
             QStringLiteral("Austin"));
    QCOMPARE(model.index(0, ProjectListModel::NumberColumn).data().toString(),
             QStringLiteral("A-1"));
    QCOMPARE(model.index(2, ProjectListModel::ActiveColumn).data().toString(),
             QStringLiteral("Inactive"));
    QCOMPARE(model.index(2, ProjectListModel::ActiveColumn).data(Qt::AccessibleTextRole),
             model.index(2, ProjectListModel::ActiveColumn).data());
    QCOMPARE(model.indexOfProject(5000000001LL), 0);
    QCOMPARE(model.indexOfProject(3), 2);
    QCOMPARE(model.indexOfProject(404), -1);
}

void TestProjectListModel::appendUpdatesKnownIds()
{
    ProjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendProjects({make(1, QStringLiteral("One")), make(2, QStringLiteral("Two"))});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // A page that repeats a known project (data shifted while paging) and repeats itself.
    model.appendProjects({make(2, QStringLiteral("Two renamed")), make(3, QStringLiteral("Three")),
                          make(3, QStringLiteral("Three again"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(names(model), QStringList({"One", "Two renamed", "Three again"}));
    QCOMPARE(model.indexOfProject(3), 2);
}

void TestProjectListModel::setAndClear()
{
    ProjectListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setProjects({make(1, QStringLiteral("One")), make(1, QStringLiteral("One dup")),
                       make(2, QStringLiteral("Two"))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.projectAt(0).name, QStringLiteral("One dup"));
    QCOMPARE(model.projects().size(), 2);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.indexOfProject(1), -1);
    QCOMPARE(reset.size(), 2);
}

void TestProjectListModel::defaultSortActiveFirstNatural()
{
    ProjectListModel model;
    ProjectFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.appendProjects({make(1, QStringLiteral("Tower 10")), make(2, QStringLiteral("tower 9")),
                          make(3, QStringLiteral("Archive"), {}, {}, false),
                          make(4, QStringLiteral("Tower 9b"))});
    model.appendProjects(
        {make(5, QStringLiteral("  apron")), make(6, QStringLiteral("Tower 009"))});
    // Active first; then case-insensitive natural order; equal keys fall back to the ID.
    QCOMPARE(names(proxy),
             QStringList({"  apron", "tower 9", "Tower 009", "Tower 9b", "Tower 10", "Archive"}));

    proxy.sort(ProjectListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(names(proxy).first(), QStringLiteral("Tower 10"));
    QCOMPARE(names(proxy).last(), QStringLiteral("Archive")); // still below the active ones

    proxy.setActiveFirst(false);
    proxy.sort(ProjectListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy),
             QStringList({"  apron", "Archive", "tower 9", "Tower 009", "Tower 9b", "Tower 10"}));
}

void TestProjectListModel::sortOtherColumns()
{
    ProjectListModel model;
    ProjectFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.setProjects(
        {make(1, QStringLiteral("C"), QStringLiteral("N-100"), QStringLiteral("Ulm")),
         make(2, QStringLiteral("A"), QStringLiteral("N-20"), QStringLiteral("Bonn")),
         make(3, QStringLiteral("B"), QStringLiteral("n-3"), QStringLiteral("Ulm"), false)});
    proxy.setActiveFirst(false);
    proxy.sort(ProjectListModel::NumberColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), QStringList({"B", "A", "C"}));
    proxy.sort(ProjectListModel::LocationColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), QStringList({"A", "B", "C"})); // Bonn, then Ulm by name
    proxy.sort(ProjectListModel::ActiveColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), QStringList({"A", "C", "B"}));
    proxy.sort(ProjectListModel::ActiveColumn, Qt::DescendingOrder);
    QCOMPARE(names(proxy).first(), QStringLiteral("B"));
    // A model appended to after sorting stays sorted.
    model.appendProjects({make(4, QStringLiteral("D"), QStringLiteral("N-1"), {}, false)});
    proxy.sort(ProjectListModel::NumberColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy), QStringList({"D", "B", "A", "C"}));
}

void TestProjectListModel::nameOrderMatchesFullKeys()
{
    // The packed name hints must never contradict the full keys: random names over an
    // alphabet with characters just below, at and above one byte, digits and NUL.
    static const char16_t alphabet[] = u"aAbz09 \u00fe\u00ff\u0100\u0101\u00e9\u4e2d";
    QRandomGenerator random(7);
    QList<Project> projects;
    for (int i = 1; i <= 3000; ++i) {
        QString name;
        const int length = random.bounded(24);
        for (int c = 0; c < length; ++c)
            name += QChar(alphabet[random.bounded(int(std::size(alphabet)) - 1)]);
        if (random.bounded(10) == 0)
            name += QChar(0);
        projects.append(make(i, name));
    }
    ProjectListModel model;
    ProjectFilterModel proxy;
    proxy.setSourceModel(&model);
    for (qsizetype at = 0; at < projects.size(); at += 250)
        model.appendProjects(projects.mid(at, 250));
    QList<Project> expected = projects;
    std::stable_sort(expected.begin(), expected.end(), [](const Project &a, const Project &b) {
        const int c = SortKey::natural(a.title()).compare(SortKey::natural(b.title()));
        return c != 0 ? c < 0 : a.id < b.id;
    });
    QCOMPARE(proxy.rowCount(), expected.size());
    for (int row = 0; row < proxy.rowCount(); ++row)
        QCOMPARE(proxy.index(row, 0).data(ProjectListModel::IdRole).toLongLong(),
                 expected.at(row).id);
}

void TestProjectListModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString()
                           << QStringList(
                                  {"Harbor Bridge", "Main Street Lofts", "Riverside Tower"});
    QTest::newRow("name, any case") << QStringLiteral("TOWER") << QStringList({"Riverside Tower"});
    QTest::newRow("number") << QStringLiteral("hb-7") << QStringList({"Harbor Bridge"});
    QTest::newRow("city") << QStringLiteral("münch") << QStringList({"Main Street Lofts"});
    QTest::newRow("two words") << QStringLiteral("  street  münchen ")
                               << QStringList({"Main Street Lofts"});
    QTest::newRow("words in different fields")
        << QStringLiteral("riverside 2024") << QStringList({"Riverside Tower"});
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList();
    QTest::newRow("not across fields") << QStringLiteral("bridgehb") << QStringList();
    QTest::newRow("regex characters literal") << QStringLiteral("(.*)") << QStringList();
    QTest::newRow("state is not searched") << QStringLiteral("ca") << QStringList();
}

void TestProjectListModel::filter()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    ProjectListModel model;
    ProjectFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    Project harbor =
        make(1, QStringLiteral("Harbor Bridge"), QStringLiteral("HB-7"), QStringLiteral("Oakland"));
    harbor.stateCode = QStringLiteral("CA");
    model.setProjects({harbor,
                       make(2, QStringLiteral("Riverside Tower"), QStringLiteral("2024-11"),
                            QStringLiteral("Austin")),
                       make(3, QStringLiteral("Main Street Lofts"), QStringLiteral("MS-1"),
                            QStringLiteral("München"))});
    QSignalSpy textChanged(&proxy, &ProjectFilterModel::filterTextChanged);
    proxy.setFilterText(text);
    QCOMPARE(textChanged.size(), text.isEmpty() ? 0 : 1);
    QCOMPARE(names(proxy), expected);
    proxy.setFilterText(QString());
    QCOMPARE(proxy.rowCount(), 3);
}

void TestProjectListModel::activeFilter()
{
    ProjectListModel model;
    ProjectFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.setProjects({make(1, QStringLiteral("Open A")),
                       make(2, QStringLiteral("Closed B"), {}, {}, false),
                       make(3, QStringLiteral("Open C"))});
    proxy.setActiveFilter(ProjectFilterModel::ActiveFilter::ActiveOnly);
    QCOMPARE(names(proxy), QStringList({"Open A", "Open C"}));
    proxy.setActiveFilter(ProjectFilterModel::ActiveFilter::InactiveOnly);
    QCOMPARE(names(proxy), QStringList({"Closed B"}));
    proxy.setFilterText(QStringLiteral("open"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setActiveFilter(ProjectFilterModel::ActiveFilter::All);
    QCOMPARE(names(proxy), QStringList({"Open A", "Open C"}));
    QCOMPARE(model.indexOfProject(3), proxy.sourceRow(1));
}

void TestProjectListModel::filterFollowsAppends()
{
    ProjectListModel model;
    ProjectFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setFilterText(QStringLiteral("tower"));
    model.appendProjects({make(1, QStringLiteral("Tower B")), make(2, QStringLiteral("Bridge"))});
    model.appendProjects({make(3, QStringLiteral("Tower A")), make(4, QStringLiteral("Road"))});
    QCOMPARE(names(proxy), QStringList({"Tower A", "Tower B"}));
    // A known project renamed by a later page leaves the filtered list.
    model.appendProjects({make(3, QStringLiteral("Depot"))});
    QCOMPARE(names(proxy), QStringList({"Tower B"}));
}

void TestProjectListModel::typingNarrowsLikeAFreshSearch_data()
{
    // Each text is typed after the one before it; a keystroke that narrows the search only
    // looks at the rows shown, one that does not looks at all of them.
    QTest::addColumn<QStringList>("texts");
    QTest::newRow("letters") << QStringList({"a", "aa", "aab", "aaba"});
    QTest::newRow("ends of keys") << QStringList({"e", "er", "ert", "ertz"});
    QTest::newRow("not a narrowing") << QStringList({"ab", "ba", "bab", "ab"});
    QTest::newRow("second word") << QStringList({"ta", "ta ", "ta r", "ta ro", "ro"});
    QTest::newRow("backspace") << QStringList({"tow", "to", "t", ""});
    QTest::newRow("repeated first letter") << QStringList({"a", "aaa", "aaab"});
}

void TestProjectListModel::typingNarrowsLikeAFreshSearch()
{
    QFETCH(QStringList, texts);
    const QStringList titles = {"Aaab Tower", "Baba Road", "Tabaret", "Ertz Plaza",
                                "Robert",     "Aab",       "Taro",    "aaaab"};
    QList<Project> projects;
    for (qsizetype i = 0; i < titles.size(); ++i)
        projects.append(make(i + 1, titles.at(i), QStringLiteral("N-%1").arg(i),
                             QStringLiteral("Herz"), i % 3 != 0));
    ProjectListModel model;
    ProjectFilterModel typed;
    QAbstractItemModelTester tester(&typed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    typed.setSourceModel(&model);
    typed.setActiveFilter(ProjectFilterModel::ActiveFilter::ActiveOnly);
    model.setProjects(projects);
    for (const QString &text : std::as_const(texts)) {
        typed.setFilterText(text);
        ProjectFilterModel fresh;
        fresh.setSourceModel(&model);
        fresh.setActiveFilter(ProjectFilterModel::ActiveFilter::ActiveOnly);
        fresh.setFilterText(text);
        QCOMPARE(names(typed), names(fresh));
        QStringList expected;
        const QStringList words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
        for (const Project &p : std::as_const(projects)) {
            const QString key = (p.name + u'\n' + p.projectNumber + u'\n' + p.city).toCaseFolded();
            if (p.active && std::all_of(words.cbegin(), words.cend(),
                                        [&](const QString &w) { return key.contains(w); }))
                expected << p.name;
        }
        QCOMPARE(typed.rowCount(), expected.size());
        for (const QString &name : std::as_const(expected))
            QVERIFY2(names(typed).contains(name),
                     qPrintable(text + QStringLiteral(" misses ") + name));
    }
}

void TestProjectListModel::headersTranslatableAndAccessible()
{
    ProjectListModel model;
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QString text = model.headerData(c, Qt::Horizontal).toString();
        QVERIFY(!text.isEmpty());
        QCOMPARE(model.headerData(c, Qt::Horizontal, Qt::AccessibleTextRole).toString(), text);
        headers << text;
    }
    QCOMPARE(headers, QStringList({"Name", "Number", "Location", "Stage", "Status"}));
    QVERIFY(!model.headerData(0, Qt::Vertical, Qt::DisplayRole).toString().contains(u"Name"));
}

void TestProjectListModel::filterSpeed()
{
    static const char *const words[] = {"Riverside", "Tower", "Harbor", "Bridge", "Lofts",
                                        "Main",      "Depot", "School", "Clinic", "Plaza"};
    static const char *const cities[] = {"Austin", "Boston", "Denver", "Seattle", "Chicago"};
    QList<Project> projects;
    for (int i = 1; i <= 20000; ++i) {
        projects.append(
            make(i,
                 QStringLiteral("%1 %2 %3")
                     .arg(QLatin1String(words[i % 10]), QLatin1String(words[(i / 10) % 10]))
                     .arg(i),
                 QStringLiteral("P-%1").arg(i), QLatin1String(cities[i % 5]), i % 7 != 0));
    }
    ProjectListModel model;
    ProjectFilterModel proxy;
    proxy.setSourceModel(&model);
    QElapsedTimer timer;
    timer.start();
    for (qsizetype at = 0; at < projects.size(); at += 300)
        model.appendProjects(projects.mid(at, 300));
    const qint64 fillMs = timer.elapsed();
    QCOMPARE(proxy.rowCount(), 20000);

    // Typing "tower" one key at a time, then deleting it again: the worst keystroke counts.
    const QString typed = QStringLiteral("tower");
    qint64 worstUs = 0;
    qint64 totalUs = 0;
    int strokes = 0;
    auto stroke = [&](const QString &text) {
        QElapsedTimer t;
        t.start();
        proxy.setFilterText(text);
        proxy.rowCount();
        const qint64 us = t.nsecsElapsed() / 1000;
        worstUs = std::max(worstUs, us);
        totalUs += us;
        ++strokes;
    };
    for (int n = 1; n <= typed.size(); ++n)
        stroke(typed.left(n));
    const int matches = proxy.rowCount();
    for (int n = typed.size() - 1; n >= 0; --n)
        stroke(typed.left(n));
    QVERIFY(matches > 0 && matches < 20000);
    QCOMPARE(proxy.rowCount(), 20000);
    qInfo("20,000 rows: filled in %lld ms (67 pages); filter keystroke mean %.2f ms, worst %.2f ms",
          fillMs, double(totalUs) / strokes / 1000.0, double(worstUs) / 1000.0);
}

QTEST_GUILESS_MAIN(TestProjectListModel)
#include "tst_projectlistmodel.moc"
