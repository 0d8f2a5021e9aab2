// SPDX-License-Identifier: GPL-3.0-or-later
#include "results/rowblock.h"

#include <QTest>

using namespace Strata;

class tst_RowBlock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void distinguishesNullFromEmpty();
    void nullPointerCellIsNull();
    void keepsRawBytesExactly_data();
    void keepsRawBytesExactly();
    void countsOnlyCompleteRows();
    void holdsManyRows();
    void byteSizeCountsPayloadAndOffsets();
    void reserveAvoidsRegrowth();
};

void tst_RowBlock::startsEmpty()
{
    const RowBlock block(3);
    QCOMPARE(block.columnCount(), 3);
    QCOMPARE(block.rowCount(), 0);
    QVERIFY(block.isEmpty());
    QCOMPARE(block.payloadSize(), 0);
    QCOMPARE(RowBlock().rowCount(), 0);
}

void tst_RowBlock::distinguishesNullFromEmpty()
{
    RowBlock block(3);
    block.appendNull();
    block.appendCell(QByteArrayView(""));
    block.appendCell(QByteArrayView("x"));
    QCOMPARE(block.rowCount(), 1);
    QVERIFY(block.isNull(0, 0));
    QVERIFY(!block.isNull(0, 1));
    QVERIFY(!block.isNull(0, 2));
    QCOMPARE(block.raw(0, 0).size(), 0);
    QCOMPARE(block.raw(0, 1).size(), 0);
    QCOMPARE(block.raw(0, 2), QByteArrayView("x"));
}

void tst_RowBlock::nullPointerCellIsNull()
{
    RowBlock block(2);
    block.appendCell(nullptr, 0);
    block.appendCell("", 0);
    QVERIFY(block.isNull(0, 0));
    QVERIFY(!block.isNull(0, 1));
}

void tst_RowBlock::keepsRawBytesExactly_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("ascii") << QByteArray("hello");
    QTest::newRow("embedded zeros") << QByteArray("a\0b\0", 4);
    QTest::newRow("all byte values") << [] {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        return all;
    }();
    QTest::newRow("utf-8") << QByteArray("\xe2\x82\xac \xf0\x9f\x90\x98");
    QTest::newRow("large") << QByteArray(1 << 20, 'z');
}

void tst_RowBlock::keepsRawBytesExactly()
{
    QFETCH(QByteArray, bytes);
    RowBlock block(2);
    block.appendCell(bytes);
    block.appendNull();
    block.appendCell(QByteArrayView("next"));
    block.appendCell(bytes);
    QCOMPARE(block.rowCount(), 2);
    QCOMPARE(block.raw(0, 0).toByteArray(), bytes);
    QVERIFY(block.isNull(0, 1));
    QCOMPARE(block.raw(1, 0), QByteArrayView("next"));
    QCOMPARE(block.raw(1, 1).toByteArray(), bytes);
    QCOMPARE(block.payloadSize(), 2 * bytes.size() + 4);
}

void tst_RowBlock::countsOnlyCompleteRows()
{
    RowBlock block(3);
    block.appendCell(QByteArrayView("a"));
    block.appendCell(QByteArrayView("b"));
    QCOMPARE(block.rowCount(), 0);
    QVERIFY(!block.isEmpty());
    block.appendNull();
    QCOMPARE(block.rowCount(), 1);
}

void tst_RowBlock::holdsManyRows()
{
    constexpr int rows = 200000;
    RowBlock block(3);
    for (int r = 0; r < rows; ++r) {
        const QByteArray id = QByteArray::number(r);
        block.appendCell(id);
        if (r % 7 == 0)
            block.appendNull();
        else
            block.appendCell(QByteArray("name-") + id);
        block.appendCell(QByteArrayView(""));
    }
    QCOMPARE(block.rowCount(), rows);
    for (int r : {0, 1, 7, 12345, 99999, rows - 1}) {
        QCOMPARE(block.raw(r, 0).toByteArray(), QByteArray::number(r));
        QCOMPARE(block.isNull(r, 1), r % 7 == 0);
        if (r % 7 != 0)
            QCOMPARE(block.raw(r, 1).toByteArray(), QByteArray("name-") + QByteArray::number(r));
        QVERIFY(!block.isNull(r, 2));
        QCOMPARE(block.raw(r, 2).size(), 0);
    }
}

void tst_RowBlock::byteSizeCountsPayloadAndOffsets()
{
    RowBlock block(2);
    const qsizetype empty = block.byteSize();
    for (int r = 0; r < 1000; ++r) {
        block.appendCell(QByteArrayView("0123456789"));
        block.appendNull();
    }
    QCOMPARE(block.payloadSize(), 10000);
    // At least the payload plus one 32-bit offset per cell.
    QVERIFY(block.byteSize() >= empty + 10000 + 2000 * 4);
    // And not wildly more: growth overhead stays under 3x.
    QVERIFY2(block.byteSize() < 3 * (10000 + 2000 * 4) + empty, qPrintable(QString::number(block.byteSize())));
}

void tst_RowBlock::reserveAvoidsRegrowth()
{
    RowBlock block(1);
    block.reserve(100, 1000);
    const qsizetype reserved = block.byteSize();
    QVERIFY(reserved >= 1000 + 100 * 4);
    for (int r = 0; r < 100; ++r)
        block.appendCell(QByteArrayView("0123456789"));
    QCOMPARE(block.byteSize(), reserved);
}

QTEST_GUILESS_MAIN(tst_RowBlock)
#include "tst_rowblock.moc"
