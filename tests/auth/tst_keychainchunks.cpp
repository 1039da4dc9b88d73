#include "auth/keychainchunks.h"

#include <QRandomGenerator>
#include <QTest>

class TestKeychainChunks final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void noLimitMeansOneEntry();
    void damageDetected_data();
    void damageDetected();
    void entryKeys();
};

void TestKeychainChunks::roundTrip_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("entries");
    for (int size : {0, 1, 2559, 2560})
        QTest::addRow("%d", size) << size << 1;
    QTest::addRow("2561") << 2561 << 2;
    QTest::addRow("5000") << 5000 << 2;
    QTest::addRow("10000") << 10000 << 4;
    QTest::addRow("30000") << 30000 << 12;
}

void TestKeychainChunks::roundTrip()
{
    QFETCH(int, size);
    QFETCH(int, entries);
    QByteArray value(size, Qt::Uninitialized);
    for (auto &c : value)
        c = char(QRandomGenerator::global()->bounded(256));
    if (size > 0)
        value[0] = '{'; // like the JSON the store writes
    const QList<QByteArray> parts = KeychainChunks::split(value, KeychainChunks::kWindowsLimit);
    QCOMPARE(parts.size(), entries);
    for (const QByteArray &part : parts)
        QVERIFY2(part.size() <= KeychainChunks::kWindowsLimit,
                 qPrintable(QString::number(part.size())));
    if (entries == 1)
        QCOMPARE(parts.first(), value); // small values are stored unchanged
    QCOMPARE(KeychainChunks::chunkCount(parts.first()), entries);
    bool ok = false;
    QCOMPARE(KeychainChunks::join(parts, &ok), value);
    QVERIFY(ok);
}

void TestKeychainChunks::noLimitMeansOneEntry()
{
    const QByteArray value(10000, 'x');
    QCOMPARE(KeychainChunks::split(value, 0), QList<QByteArray>{value});
    // A value that happens to look like a header is still chunked, so join() cannot misread it.
    const QByteArray lookalike = "PDCHUNKS/1 1 0000000000000000\nhello";
    const auto parts = KeychainChunks::split(lookalike, KeychainChunks::kWindowsLimit);
    bool ok = false;
    QCOMPARE(KeychainChunks::join(parts, &ok), lookalike);
    QVERIFY(ok);
}

void TestKeychainChunks::damageDetected_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("missing last chunk") << 0;
    QTest::newRow("extra chunk") << 1;
    QTest::newRow("chunk from another value") << 2;
    QTest::newRow("altered byte") << 3;
    QTest::newRow("header count garbage") << 4;
    QTest::newRow("chunks swapped") << 5;
}

void TestKeychainChunks::damageDetected()
{
    QFETCH(int, damage);
    QByteArray value(7000, 'a');
    for (int i = 0; i < value.size(); ++i)
        value[i] = char('a' + i % 26);
    QList<QByteArray> parts = KeychainChunks::split(value, KeychainChunks::kWindowsLimit);
    QCOMPARE(parts.size(), 3);
    switch (damage) {
    case 0:
        parts.removeLast();
        break;
    case 1:
        parts.append("more");
        break;
    case 2:
        parts[2] =
            KeychainChunks::split(QByteArray(7000, 'z'), KeychainChunks::kWindowsLimit).at(2);
        break;
    case 3:
        parts[1][10] = 'Z';
        break;
    case 4:
        parts[0].replace(11, 1, "x");
        break;
    case 5:
        parts.swapItemsAt(1, 2);
        break;
    }
    bool ok = true;
    QVERIFY(KeychainChunks::join(parts, &ok).isEmpty());
    QVERIFY(!ok);
}

void TestKeychainChunks::entryKeys()
{
    QCOMPARE(KeychainChunks::entryKey(QStringLiteral("production/42"), 0),
             QStringLiteral("production/42"));
    QCOMPARE(KeychainChunks::entryKey(QStringLiteral("production/42"), 2),
             QStringLiteral("production/42#2"));
}

QTEST_GUILESS_MAIN(TestKeychainChunks)
#include "tst_keychainchunks.moc"
