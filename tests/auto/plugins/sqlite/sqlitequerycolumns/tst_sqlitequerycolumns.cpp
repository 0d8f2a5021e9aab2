// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitequerycolumns.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Strata::Sqlite::Internal::SqliteQueryColumns;

class tst_SqliteQueryColumns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesSearchedColumns_data();
    void namesSearchedColumns();
    void resolvesAliasesAndDerivedTables_data();
    void resolvesAliasesAndDerivedTables();
    void tellsWhenConditionsAreCombinedWithOr_data();
    void tellsWhenConditionsAreCombinedWithOr();
    void readsOrderingOfOneTable_data();
    void readsOrderingOfOneTable();
};

void tst_SqliteQueryColumns::namesSearchedColumns_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<bool>("joins");

    QTest::newRow("one table, where") << u"SELECT * FROM t1 WHERE a = 1 AND b > ?"_s << u"t1"_s
                                      << QStringList{u"a"_s, u"b"_s} << true;
    QTest::newRow("functions and parameters are not columns")
        << u"SELECT * FROM t1 WHERE lower(name) = :name AND c IS NOT NULL AND d LIKE @p"_s
        << u"t1"_s << QStringList{u"name"_s, u"c"_s, u"d"_s} << true;
    QTest::newRow("strings and comments are not columns")
        << u"SELECT * FROM t1 /* WHERE x = 1 */ WHERE a = 'b = c' -- AND y = 2\n"_s << u"t1"_s
        << QStringList{u"a"_s} << true;
    QTest::newRow("join on, qualified")
        << u"SELECT * FROM t1 JOIN t2 ON t2.b = t1.a WHERE t2.c = 3"_s << u"t2"_s
        << QStringList{u"b"_s, u"c"_s} << true;
    QTest::newRow("join, other side") << u"SELECT * FROM t1 JOIN t2 ON t2.b = t1.a WHERE t2.c = 3"_s
                                      << u"t1"_s << QStringList{u"a"_s} << true;
    QTest::newRow("join columns left out on request")
        << u"SELECT * FROM t1 JOIN t2 ON t2.b = t1.a WHERE t2.c = 3"_s << u"t2"_s
        << QStringList{u"c"_s} << false;
    QTest::newRow("unqualified in a join is not attributed")
        << u"SELECT * FROM t1, t2 WHERE a = b"_s << u"t2"_s << QStringList{} << true;
    QTest::newRow("alias") << u"SELECT * FROM orders AS o JOIN items i ON i.order_id = o.id"_s
                           << u"i"_s << QStringList{u"order_id"_s} << true;
    QTest::newRow("using") << u"SELECT * FROM t1 JOIN t2 USING (k, j)"_s << u"t2"_s
                           << QStringList{u"k"_s, u"j"_s} << true;
    QTest::newRow("hostile quoted names")
        << uR"(SELECT * FROM "a""b" AS "x'; DROP TABLE t; --" WHERE "x'; DROP TABLE t; --"."my col" = 1)"_s
        << u"x'; DROP TABLE t; --"_s << QStringList{u"my col"_s} << true;
    QTest::newRow("cyrillic") << u"SELECT * FROM таблица WHERE колонка = 1"_s << u"таблица"_s
                              << QStringList{u"колонка"_s} << true;
    QTest::newRow("no where") << u"SELECT * FROM t1 ORDER BY a"_s << u"t1"_s << QStringList{}
                              << true;
    QTest::newRow("case-insensitive")
        << u"select * from T1 where A = 1 and a = 2"_s << u"t1"_s << QStringList{u"A"_s} << true;
    QTest::newRow("update") << u"UPDATE OR IGNORE t1 SET a = 1 WHERE b = 2"_s << u"t1"_s
                            << QStringList{u"b"_s} << true;
    QTest::newRow("update after WITH")
        << u"WITH x AS (SELECT 1 AS v) UPDATE t1 SET a = 1 WHERE b IN (SELECT v FROM x)"_s
        << u"t1"_s << QStringList{u"b"_s} << true;
    QTest::newRow("delete") << u"DELETE FROM t1 WHERE c > 3"_s << u"t1"_s << QStringList{u"c"_s}
                            << true;
    QTest::newRow("cast type is not a column") << u"SELECT * FROM t1 WHERE CAST(a AS INTEGER) = 1"_s
                                               << u"t1"_s << QStringList{u"a"_s} << true;
}

void tst_SqliteQueryColumns::namesSearchedColumns()
{
    QFETCH(QString, sql);
    QFETCH(QString, relation);
    QFETCH(QStringList, columns);
    QFETCH(bool, joins);
    QCOMPARE(SqliteQueryColumns(sql).searchedColumns(relation, joins), columns);
}

void tst_SqliteQueryColumns::resolvesAliasesAndDerivedTables_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<QString>("table");
    QTest::addColumn<bool>("derived");

    QTest::newRow("table") << u"SELECT * FROM t1"_s << u"t1"_s << u"t1"_s << false;
    QTest::newRow("schema-qualified") << u"SELECT * FROM main.t1 x"_s << u"x"_s << u"t1"_s << false;
    QTest::newRow("alias") << u"SELECT * FROM t1 AS x"_s << u"x"_s << u"t1"_s << false;
    QTest::newRow("subquery") << u"SELECT * FROM (SELECT * FROM t1) AS sq WHERE sq.a = 1"_s
                              << u"sq"_s << QString() << true;
    QTest::newRow("cte") << u"WITH c(a) AS (SELECT a FROM t1) SELECT * FROM c WHERE a = 1"_s
                         << u"c"_s << QString() << true;
    QTest::newRow("materialized cte")
        << u"WITH c AS MATERIALIZED (SELECT a FROM t1) SELECT * FROM c"_s << u"c"_s << QString()
        << true;
    QTest::newRow("unknown") << u"SELECT * FROM t1"_s << u"t9"_s << QString() << false;
}

void tst_SqliteQueryColumns::resolvesAliasesAndDerivedTables()
{
    QFETCH(QString, sql);
    QFETCH(QString, relation);
    QFETCH(QString, table);
    QFETCH(bool, derived);
    const SqliteQueryColumns query(sql);
    QCOMPARE(query.tableOf(relation), table);
    QCOMPARE(query.isDerived(relation), derived);
}

void tst_SqliteQueryColumns::tellsWhenConditionsAreCombinedWithOr_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<bool>("withOr");
    QTest::newRow("and") << u"SELECT * FROM t1 WHERE a = 1 AND b = 2"_s << u"t1"_s << false;
    QTest::newRow("or") << u"SELECT * FROM t1 WHERE a = 1 OR b = 2"_s << u"t1"_s << true;
    QTest::newRow("or in a string") << u"SELECT * FROM t1 WHERE a = 'x OR y'"_s << u"t1"_s << false;
    QTest::newRow("or in another SELECT")
        << u"SELECT * FROM t1 WHERE a IN (SELECT c FROM t2 WHERE c = 1 OR d = 2)"_s << u"t1"_s
        << false;
    QTest::newRow("or in the subquery") << u"SELECT * FROM t1 WHERE a IN (SELECT c FROM t2 WHERE "
                                           u"c = 1 OR d = 2)"_s
                                        << u"t2"_s << true;
}

void tst_SqliteQueryColumns::tellsWhenConditionsAreCombinedWithOr()
{
    QFETCH(QString, sql);
    QFETCH(QString, relation);
    QFETCH(bool, withOr);
    QCOMPARE(SqliteQueryColumns(sql).searchesWithOr(relation), withOr);
}

void tst_SqliteQueryColumns::readsOrderingOfOneTable_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("orderTable");
    QTest::addColumn<QStringList>("orderColumns");
    QTest::addColumn<QString>("groupTable");
    QTest::addColumn<QStringList>("groupColumns");

    QTest::newRow("order by two") << u"SELECT * FROM t1 ORDER BY a DESC, b COLLATE NOCASE LIMIT 3"_s
                                  << u"t1"_s << QStringList{u"a"_s, u"b"_s} << QString()
                                  << QStringList{};
    QTest::newRow("group and order")
        << u"SELECT x, count(*) FROM t1 AS q GROUP BY q.x ORDER BY q.y"_s << u"t1"_s
        << QStringList{u"y"_s} << u"t1"_s << QStringList{u"x"_s};
    QTest::newRow("expression term") << u"SELECT * FROM t1 ORDER BY a + 1"_s << QString()
                                     << QStringList{} << QString() << QStringList{};
    QTest::newRow("position term") << u"SELECT * FROM t1 ORDER BY 1"_s << QString() << QStringList{}
                                   << QString() << QStringList{};
    QTest::newRow("two tables") << u"SELECT * FROM t1 JOIN t2 ON t1.a = t2.a ORDER BY t1.a, t2.b"_s
                                << QString() << QStringList{} << QString() << QStringList{};
    QTest::newRow("window order is a second clause")
        << u"SELECT row_number() OVER (ORDER BY b) FROM t1 ORDER BY a"_s << QString()
        << QStringList{} << QString() << QStringList{};
}

void tst_SqliteQueryColumns::readsOrderingOfOneTable()
{
    QFETCH(QString, sql);
    QFETCH(QString, orderTable);
    QFETCH(QStringList, orderColumns);
    QFETCH(QString, groupTable);
    QFETCH(QStringList, groupColumns);
    const SqliteQueryColumns query(sql);
    QCOMPARE(query.orderBy().table, orderTable);
    QCOMPARE(query.orderBy().columns, orderColumns);
    QCOMPARE(query.groupBy().table, groupTable);
    QCOMPARE(query.groupBy().columns, groupColumns);
}

QTEST_GUILESS_MAIN(tst_SqliteQueryColumns)
#include "tst_sqlitequerycolumns.moc"
