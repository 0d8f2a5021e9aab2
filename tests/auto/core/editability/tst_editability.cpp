// SPDX-License-Identifier: GPL-3.0-or-later
#include "edit/editability.h"

#include <QTest>

using namespace Strata;
using namespace Qt::StringLiterals;

namespace {
// A source column of a table in schema s; an empty table means an expression.
ColumnInfo col(const QString &table, const QString &source, const QString &name = {})
{
    ColumnInfo info;
    info.name = name.isEmpty() ? source : name;
    info.schema = table.isEmpty() ? QString() : u"s"_s;
    info.table = table;
    info.sourceColumn = source;
    return info;
}

Table table(const QString &name, const QStringList &columns, const QStringList &key,
            Table::Kind kind = Table::Kind::Table)
{
    Table t;
    t.schema = u"s"_s;
    t.name = name;
    t.kind = kind;
    for (const QString &c : columns) {
        Column column;
        column.name = c;
        t.columns.append(column);
    }
    t.primaryKey = key;
    return t;
}

Catalog catalog()
{
    Schema schema;
    schema.name = u"s"_s;
    schema.tables = {table(u"a\"b"_s, {u"id"_s, u"x'; DROP TABLE t; --"_s}, {u"id"_s}),
                     table(u"orders"_s, {u"shop"_s, u"no"_s, u"total"_s}, {u"shop"_s, u"no"_s}),
                     table(u"users"_s, {u"name"_s}, {}),
                     table(u"v"_s, {u"id"_s}, {}, Table::Kind::View)};
    Catalog c;
    c.schemas = {schema};
    return c;
}
} // namespace

class tst_Editability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decidesEditability_data()
    {
        QTest::addColumn<ColumnList>("columns");
        QTest::addColumn<QString>("reason"); // empty: editable
        QTest::addColumn<QList<int>>("keyColumns");

        const QString hostile = u"x'; DROP TABLE t; --"_s;
        QTest::newRow("hostile names with key")
            << ColumnList{col(u"a\"b"_s, hostile, u"alias"_s), col(u"a\"b"_s, u"id"_s)} << QString()
            << QList<int>{1};
        QTest::newRow("composite key in any order")
            << ColumnList{col(u"orders"_s, u"total"_s), col(u"orders"_s, u"no"_s),
                          col(u"orders"_s, u"shop"_s)}
            << QString() << QList<int>{2, 1};
        QTest::newRow("join") << ColumnList{col(u"a\"b"_s, u"id"_s), col(u"orders"_s, u"no"_s)}
                              << u"the result joins two tables"_s << QList<int>{};
        QTest::newRow("expression")
            << ColumnList{col(u"a\"b"_s, u"id"_s), col({}, {}, u"count"_s)}
            << u"the column count is computed, not read from a table"_s << QList<int>{};
        QTest::newRow("no primary key") << ColumnList{col(u"users"_s, u"name"_s)}
                                        << u"users has no primary key"_s << QList<int>{};
        QTest::newRow("key missing")
            << ColumnList{col(u"orders"_s, u"shop"_s), col(u"orders"_s, u"total"_s)}
            << u"the primary key column no is not in the result"_s << QList<int>{};
        QTest::newRow("view") << ColumnList{col(u"v"_s, u"id"_s)} << u"v is a view"_s
                              << QList<int>{};
        QTest::newRow("unknown table")
            << ColumnList{col(u"gone"_s, u"id"_s)}
            << u"the table gone is not in the loaded catalog; reload the catalog"_s << QList<int>{};
        QTest::newRow("column twice")
            << ColumnList{col(u"a\"b"_s, u"id"_s), col(u"a\"b"_s, u"id"_s, u"again"_s)}
            << u"the column id is shown twice"_s << QList<int>{};
        QTest::newRow("no columns")
            << ColumnList{} << u"the result has no columns"_s << QList<int>{};
    }

    void decidesEditability()
    {
        QFETCH(ColumnList, columns);
        QFETCH(QString, reason);
        QFETCH(QList<int>, keyColumns);
        const Result<EditTarget> target = Editability::check(columns, catalog());
        if (!reason.isEmpty()) {
            QVERIFY(!target.ok());
            QCOMPARE(target.error().message(), reason);
            return;
        }
        QVERIFY2(target.ok(), qPrintable(target.error().message()));
        QCOMPARE(target->schema, u"s"_s);
        QCOMPARE(target->keyColumns, keyColumns);
        QCOMPARE(target->sourceColumns.size(), columns.size());
        for (int i = 0; i < columns.size(); ++i)
            QCOMPARE(target->sourceColumns.at(i), columns.at(i).sourceColumn);
    }
};

QTEST_GUILESS_MAIN(tst_Editability)
#include "tst_editability.moc"
