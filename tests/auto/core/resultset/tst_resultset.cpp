// SPDX-License-Identifier: GPL-3.0-or-later
#include "results/resultset.h"

#include <QTest>

using namespace Strata;

namespace {

ColumnList columns(std::initializer_list<const char *> names, CellKind kind = CellKind::Text)
{
    ColumnList list;
    for (const char *name : names) {
        ColumnInfo column;
        column.name = QString::fromLatin1(name);
        column.kind = kind;
        list.append(column);
    }
    return list;
}

RowBlock block(int columnCount, std::initializer_list<const char *> cells)
{
    RowBlock rows(columnCount);
    for (const char *cell : cells) {
        if (cell)
            rows.appendCell(QByteArrayView(cell));
        else
            rows.appendNull();
    }
    return rows;
}

ResultSummary summary(bool hasRows, qint64 rowCount, qint64 affected, const char *tag)
{
    ResultSummary s;
    s.hasRows = hasRows;
    s.rowCount = rowCount;
    s.rowsAffected = affected;
    s.commandTag = QString::fromLatin1(tag);
    return s;
}

} // namespace

class tst_ResultSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void collectsEveryStatementInOrder();
    void readsRowsAcrossBlocks();
    void nullCellsGiveNullText();
    void findsColumnsByName();
    void keepsNotices();
    void takeResultsEmptiesTheSink();
    void emptyRowSetIsStillARowSet();
};

void tst_ResultSet::collectsEveryStatementInOrder()
{
    CollectingSink sink;
    // SELECT; UPDATE; SELECT: rows, no rows, rows.
    sink.beginResult(columns({"id", "name"}));
    QVERIFY(sink.rows(block(2, {"1", "a", "2", "b"})));
    QVERIFY(sink.rows(block(2, {"3", nullptr})));
    sink.endResult(summary(true, 3, -1, "SELECT 3"));
    sink.endResult(summary(false, 0, 2, "UPDATE 2"));
    sink.beginResult(columns({"n"}, CellKind::Integer));
    QVERIFY(sink.rows(block(1, {"42"})));
    sink.endResult(summary(true, 1, -1, "SELECT 1"));

    const QList<ResultSet> &results = sink.results();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(0).columns.size(), 2);
    QCOMPARE(results.at(0).rowCount(), 3);
    QCOMPARE(results.at(0).blocks.size(), 2);
    QCOMPARE(results.at(0).summary.commandTag, QStringLiteral("SELECT 3"));
    QVERIFY(results.at(0).summary.hasRows);

    QVERIFY(results.at(1).columns.isEmpty());
    QCOMPARE(results.at(1).rowCount(), 0);
    QVERIFY(!results.at(1).summary.hasRows);
    QCOMPARE(results.at(1).summary.rowsAffected, 2);
    QCOMPARE(results.at(1).summary.commandTag, QStringLiteral("UPDATE 2"));

    QCOMPARE(results.at(2).text(0, 0), QStringLiteral("42"));
    QCOMPARE(results.at(2).columns.at(0).kind, CellKind::Integer);
}

void tst_ResultSet::readsRowsAcrossBlocks()
{
    ResultSet set;
    set.columns = columns({"v"});
    set.blocks.append(block(1, {"r0", "r1"}));
    set.blocks.append(RowBlock(1)); // an empty block in the middle
    set.blocks.append(block(1, {"r2"}));
    set.blocks.append(block(1, {"r3", "r4", "r5"}));
    QCOMPARE(set.rowCount(), 6);
    for (int r = 0; r < 6; ++r) {
        QCOMPARE(set.text(r, 0), QStringLiteral("r%1").arg(r));
        QCOMPARE(set.raw(r, 0).toByteArray(), QByteArray("r") + QByteArray::number(r));
    }
}

void tst_ResultSet::nullCellsGiveNullText()
{
    ResultSet set;
    set.columns = columns({"a", "b"});
    set.blocks.append(block(2, {nullptr, ""}));
    QVERIFY(set.isNull(0, 0));
    QVERIFY(set.text(0, 0).isNull());
    QVERIFY(!set.isNull(0, 1));
    QVERIFY(!set.text(0, 1).isNull());
    QVERIFY(set.text(0, 1).isEmpty());
}

void tst_ResultSet::findsColumnsByName()
{
    ResultSet set;
    set.columns = columns({"id", "Name", "name"});
    QCOMPARE(set.columnIndex(QStringLiteral("id")), 0);
    QCOMPARE(set.columnIndex(QStringLiteral("name")), 2);
    QCOMPARE(set.columnIndex(QStringLiteral("Name")), 1);
    QCOMPARE(set.columnIndex(QStringLiteral("missing")), -1);
}

void tst_ResultSet::keepsNotices()
{
    CollectingSink sink;
    sink.notice(QStringLiteral("NOTICE: table \"x\" does not exist, skipping"));
    sink.endResult(summary(false, 0, -1, "DROP TABLE"));
    sink.notice(QStringLiteral("second"));
    QCOMPARE(sink.notices().size(), 2);
    QCOMPARE(sink.notices().at(1), QStringLiteral("second"));
    QCOMPARE(sink.results().size(), 1);
}

void tst_ResultSet::takeResultsEmptiesTheSink()
{
    CollectingSink sink;
    sink.beginResult(columns({"x"}));
    QVERIFY(sink.rows(block(1, {"1"})));
    sink.endResult(summary(true, 1, -1, "SELECT 1"));
    const QList<ResultSet> taken = sink.takeResults();
    QCOMPARE(taken.size(), 1);
    QVERIFY(sink.results().isEmpty());
    sink.endResult(summary(false, 0, 0, "UPDATE 0"));
    QCOMPARE(sink.results().size(), 1);
}

void tst_ResultSet::emptyRowSetIsStillARowSet()
{
    CollectingSink sink;
    sink.beginResult(columns({"x"}));
    sink.endResult(summary(true, 0, -1, "SELECT 0"));
    QCOMPARE(sink.results().size(), 1);
    QVERIFY(sink.results().at(0).summary.hasRows);
    QCOMPARE(sink.results().at(0).columns.size(), 1);
    QCOMPARE(sink.results().at(0).rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_ResultSet)
#include "tst_resultset.moc"
