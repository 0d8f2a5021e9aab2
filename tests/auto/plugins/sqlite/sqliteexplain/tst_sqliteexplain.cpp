// SPDX-License-Identifier: GPL-3.0-or-later
#include "eqptestsupport.h"
#include "sqliteengine.h"
#include "sqliteeqpparser.h"

#include "explain/planfindings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Strata;
using Strata::Sqlite::SqliteEngine;
using Strata::Sqlite::Internal::SqliteEqpParser;
using Strata::Sqlite::Internal::SqliteSession;

class tst_SqliteExplain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wrapsOneStatement_data();
    void wrapsOneStatement();
    void refusesWhatItCannotExplain_data();
    void refusesWhatItCannotExplain();
    void tellsWhetherAStatementChangesData_data();
    void tellsWhetherAStatementChangesData();
    void parsesPlansThroughTheEngine();

    void explainsRealQueries_data();
    void explainsRealQueries();
    void hostileNamesRoundTrip_data();
    void hostileNamesRoundTrip();

private:
    SqliteEngine m_engine;
};

namespace {

IExplain &explainOf(SqliteEngine &engine)
{
    return *qobject_cast<IExplain *>(&engine);
}

// Explains sql in session the way the GUI does: the engine's statement, the result copied as
// tab-separated text, parsed by the engine, the query text attached.
Result<Plan> explainIn(SqliteEngine &engine, SqliteSession &session, const QString &sql,
                       const QVariantList &parameters = {})
{
    const Result<QString> statement = explainOf(engine).explainStatement(sql, {});
    if (!statement)
        return statement.error();
    const Result<QString> text = Sqlite::Test::resultAsTabText(session, *statement, parameters);
    if (!text)
        return text.error();
    Result<Plan> plan = explainOf(engine).parsePlan(*text);
    if (plan)
        plan->queryText = sql;
    return plan;
}

QStringList findingKinds(SqliteEngine &engine, const Plan &plan)
{
    QStringList kinds;
    for (const PlanFinding &f :
         PlanFindings::find(plan, PlanAnalysis::analyze(plan), explainOf(engine).planRules()))
        kinds.append(f.kind);
    kinds.sort();
    return kinds;
}

const QStringList shopSchema = {
    u"CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, city TEXT)"_s,
    u"CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INT, status TEXT, total REAL)"_s,
    u"CREATE INDEX orders_customer ON orders(customer_id)"_s,
    u"CREATE TABLE notes(order_id INT, body TEXT)"_s,
};

} // namespace

void tst_SqliteExplain::wrapsOneStatement_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("statement");
    QTest::newRow("select") << u"SELECT * FROM t"_s << u"EXPLAIN QUERY PLAN SELECT * FROM t"_s;
    QTest::newRow("trailing semicolon and blank")
        << u"  SELECT 1;\n\n"_s << u"EXPLAIN QUERY PLAN SELECT 1"_s;
    QTest::newRow("explain in a string")
        << u"SELECT 'EXPLAIN' FROM t"_s << u"EXPLAIN QUERY PLAN SELECT 'EXPLAIN' FROM t"_s;
    QTest::newRow("update") << u"UPDATE t SET a = 1 WHERE b = 2"_s
                            << u"EXPLAIN QUERY PLAN UPDATE t SET a = 1 WHERE b = 2"_s;
}

void tst_SqliteExplain::wrapsOneStatement()
{
    QFETCH(QString, sql);
    QFETCH(QString, statement);
    const Result<QString> made = explainOf(m_engine).explainStatement(sql, {});
    QVERIFY2(made.ok(), qPrintable(made.error().message()));
    QCOMPARE(made->trimmed().remove(QRegularExpression(u";$"_s)), statement);
}

void tst_SqliteExplain::refusesWhatItCannotExplain_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<QString>("why");
    QTest::newRow("analyze") << u"SELECT 1"_s << true
                             << u"SQLite has no EXPLAIN ANALYZE: it cannot run a statement and "
                                u"report what each step did; use Explain for the query plan."_s;
    QTest::newRow("empty") << u"  -- nothing\n"_s << false
                           << u"There is no statement to explain."_s;
    QTest::newRow("two statements")
        << u"SELECT 1; SELECT 2"_s << false << u"EXPLAIN takes one statement; the text holds 2."_s;
    QTest::newRow("explain already") << u"/* x */ explain query plan SELECT 1"_s << false
                                     << u"The statement is an EXPLAIN already."_s;
}

void tst_SqliteExplain::refusesWhatItCannotExplain()
{
    QFETCH(QString, sql);
    QFETCH(bool, analyze);
    QFETCH(QString, why);
    IExplain::Options options;
    options.analyze = analyze;
    const Result<QString> made = explainOf(m_engine).explainStatement(sql, options);
    QVERIFY(!made.ok());
    QCOMPARE(made.error().code(), Error::Code::InvalidArgument);
    QCOMPARE(made.error().message(), why);
    QVERIFY(!explainOf(m_engine).supportsAnalyze());
}

void tst_SqliteExplain::tellsWhetherAStatementChangesData_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("changes");
    QTest::newRow("select") << u"SELECT * FROM t WHERE a = 1"_s << false;
    QTest::newRow("insert") << u"INSERT INTO t VALUES (1)"_s << true;
    QTest::newRow("update") << u"update t set a = 1"_s << true;
    QTest::newRow("delete") << u"DELETE FROM t"_s << true;
    QTest::newRow("replace into") << u"REPLACE INTO t VALUES (1)"_s << true;
    QTest::newRow("insert or replace") << u"INSERT OR REPLACE INTO t VALUES (1)"_s << true;
    QTest::newRow("upsert") << u"INSERT INTO t(a) VALUES (1) ON CONFLICT(a) DO UPDATE SET b = 2"_s
                            << true;
    QTest::newRow("inside WITH")
        << u"WITH x AS (SELECT 1 AS a) DELETE FROM t WHERE a IN (SELECT a FROM x)"_s << true;
    QTest::newRow("replace() function") << u"SELECT replace(a, 'x', 'y') FROM t"_s << false;
    QTest::newRow("words in strings") << u"SELECT 'DELETE FROM t; UPDATE' FROM t"_s << false;
    QTest::newRow("words in comments") << u"SELECT 1 -- then DELETE\n/* INSERT */"_s << false;
    QTest::newRow("quoted names") << u"SELECT \"delete\", [update] FROM \"insert\""_s << false;
}

void tst_SqliteExplain::tellsWhetherAStatementChangesData()
{
    QFETCH(QString, sql);
    QFETCH(bool, changes);
    QCOMPARE(explainOf(m_engine).changesData(sql), changes);
}

void tst_SqliteExplain::parsesPlansThroughTheEngine()
{
    const Result<Plan> plan = explainOf(m_engine).parsePlan(u"2|0|0|SCAN t1\n"_s);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->engine, u"sqlite"_s);
    QCOMPARE(plan->root().relation, u"t1"_s);
    QVERIFY(plan->queryText.isEmpty());
    const Result<Plan> bad = explainOf(m_engine).parsePlan(u"Seq Scan on t1"_s);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message().startsWith(u"not an EXPLAIN plan: "_s));
}

void tst_SqliteExplain::explainsRealQueries_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("tree");
    QTest::addColumn<QStringList>("findings");

    QTest::newRow("search by primary key")
        << u"SELECT * FROM customers WHERE id = 7"_s
        << u"QUERY PLAN\n`--SEARCH customers USING INTEGER PRIMARY KEY (rowid=?)"_s
        << QStringList{};
    QTest::newRow("scan of a searched column")
        << u"SELECT * FROM orders WHERE status = 'open'"_s << u"QUERY PLAN\n`--SCAN orders"_s
        << QStringList{u"scan-without-index"_s};
    QTest::newRow("join through an index, outer table searched")
        << u"SELECT c.name, o.total FROM customers c JOIN orders o ON o.customer_id = c.id "
           u"WHERE c.city = 'Oslo'"_s
        << u"QUERY PLAN\n|--SCAN c\n`--SEARCH o USING INDEX orders_customer (customer_id=?)"_s
        << QStringList{u"scan-without-index"_s};
    QTest::newRow("join through the rowid")
        << u"SELECT * FROM orders o JOIN notes n ON n.order_id = o.id"_s
        << u"QUERY PLAN\n|--SCAN n\n`--SEARCH o USING INTEGER PRIMARY KEY (rowid=?)"_s
        << QStringList{};
    QTest::newRow("join needing an automatic index")
        << u"SELECT * FROM notes n JOIN notes m ON m.body = n.body"_s
        << u"QUERY PLAN\n|--SCAN n\n`--SEARCH m USING AUTOMATIC COVERING INDEX (body=?)"_s
        << QStringList{u"automatic-index"_s};
    QTest::newRow("join on an inequality scans the inner table")
        << u"SELECT * FROM notes n JOIN notes m ON m.body > n.body"_s
        << u"QUERY PLAN\n|--SCAN n\n`--SCAN m"_s << QStringList{u"scan-without-index"_s};
    QTest::newRow("OR over two columns")
        << u"SELECT * FROM notes WHERE order_id = 1 OR body = 'x'"_s
        << u"QUERY PLAN\n`--SCAN notes"_s << QStringList{u"scan-without-index"_s};
    QTest::newRow("recursive cte")
        << u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
           u"SELECT * FROM n"_s
        << u"QUERY PLAN\n|--CO-ROUTINE n\n|  |--SETUP\n|  |  `--SCAN CONSTANT ROW\n"
           u"|  `--RECURSIVE STEP\n|     `--SCAN n\n`--SCAN n"_s
        << QStringList{};
    QTest::newRow("order by") << u"SELECT * FROM customers ORDER BY city, name"_s
                              << u"QUERY PLAN\n|--SCAN customers\n`--USE TEMP B-TREE FOR ORDER BY"_s
                              << QStringList{u"temp-b-tree"_s};
    QTest::newRow("group by") << u"SELECT status, count(*) FROM orders GROUP BY status"_s
                              << u"QUERY PLAN\n|--SCAN orders\n`--USE TEMP B-TREE FOR GROUP BY"_s
                              << QStringList{u"temp-b-tree"_s};
    QTest::newRow("correlated subquery")
        << u"SELECT name, (SELECT count(*) FROM notes WHERE notes.order_id = customers.id) "
           u"FROM customers"_s
        << u"QUERY PLAN\n|--SCAN customers\n`--CORRELATED SCALAR SUBQUERY xxxxxx\n   `--SCAN notes"_s
        << QStringList{u"correlated-subquery"_s, u"scan-without-index"_s};
    QTest::newRow("uncorrelated IN subquery")
        << u"SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders)"_s
        << u"QUERY PLAN\n|--SEARCH customers USING INTEGER PRIMARY KEY (rowid=?)\n"
           u"`--LIST SUBQUERY xxxxxx\n   `--SCAN orders USING COVERING INDEX orders_customer"_s
        << QStringList{};
    QTest::newRow("union")
        << u"SELECT name FROM customers UNION SELECT body FROM notes"_s
        << u"QUERY PLAN\n`--COMPOUND QUERY\n   |--LEFT-MOST SUBQUERY\n   |  `--SCAN customers\n"
           u"   `--UNION USING TEMP B-TREE\n      `--SCAN notes"_s
        << QStringList{};
    QTest::newRow("materialized cte")
        << u"WITH big AS MATERIALIZED (SELECT * FROM orders WHERE total > 100) "
           u"SELECT * FROM big b1 JOIN big b2 ON b1.customer_id = b2.customer_id"_s
        << u"QUERY PLAN\n|--MATERIALIZE big\n|  `--SCAN orders\n|--SCAN b1\n"
           u"`--SEARCH b2 USING AUTOMATIC COVERING INDEX (customer_id=?)"_s
        << QStringList{u"automatic-index"_s, u"scan-without-index"_s};
}

void tst_SqliteExplain::explainsRealQueries()
{
    QFETCH(QString, sql);
    QFETCH(QString, tree);
    QFETCH(QStringList, findings);

    SqliteSession session;
    const Result<void> opened = Sqlite::Test::openMemory(session, shopSchema);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    const Result<Plan> plan = explainIn(m_engine, session, sql);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QCOMPARE(plan->engine, u"sqlite"_s);
    QCOMPARE(plan->queryText, sql);
    QCOMPARE(Sqlite::Test::withoutSubqueryNumbers(SqliteEqpParser::treeText(*plan)), tree);
    QCOMPARE(findingKinds(m_engine, *plan), findings);
}

void tst_SqliteExplain::hostileNamesRoundTrip_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("index");
    QTest::addColumn<QString>("column");
    QTest::newRow("double quote") << u"a\"b"_s << u"i\"x"_s << u"c\"d"_s;
    QTest::newRow("injection") << u"x'; DROP TABLE t; --"_s << u"x'; DROP INDEX i; --"_s
                               << u"y'; --"_s;
    QTest::newRow("spaces") << u"my table"_s << u"my index"_s << u"my col"_s;
    QTest::newRow("cyrillic") << u"таблица"_s << u"индекс"_s << u"колонка"_s;
    QTest::newRow("pipes and tabs") << u"t|1"_s << u"i\t1"_s << u"c|2"_s;
}

void tst_SqliteExplain::hostileNamesRoundTrip()
{
    QFETCH(QString, table);
    QFETCH(QString, index);
    QFETCH(QString, column);

    const QString t = m_engine.quoteIdentifier(table);
    const QString c = m_engine.quoteIdentifier(column);
    SqliteSession session;
    const Result<void> opened = Sqlite::Test::openMemory(
        session, {u"CREATE TABLE %1(id INTEGER PRIMARY KEY, %2 INT, other TEXT)"_s.arg(t, c),
                  u"CREATE INDEX %1 ON %2(%3)"_s.arg(m_engine.quoteIdentifier(index), t, c)});
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));

    // A search through the index, and a scan of an alias searched by another column.
    const QString search = u"SELECT * FROM %1 WHERE %2 = ?"_s.arg(t, c);
    const Result<Plan> searched = explainIn(m_engine, session, search, {QVariant(1)});
    QVERIFY2(searched.ok(), qPrintable(searched.error().toString()));
    const PlanNode &s = searched->root();
    QCOMPARE(s.nodeType, u"SEARCH"_s);
    QCOMPARE(s.relation, table);
    QCOMPARE(s.index, index);
    QCOMPARE(s.indexCond, column + u"=?"_s);

    const QString alias = table + u" alias"_s;
    const QString scan =
        u"SELECT * FROM %1 AS %2 WHERE %2.other = 'x'"_s.arg(t, m_engine.quoteIdentifier(alias));
    const Result<Plan> scanned = explainIn(m_engine, session, scan);
    QVERIFY2(scanned.ok(), qPrintable(scanned.error().toString()));
    QCOMPARE(scanned->root().nodeType, u"SCAN"_s);
    QCOMPARE(scanned->root().relation, alias);
    const QList<PlanFinding> findings = PlanFindings::find(
        *scanned, PlanAnalysis::analyze(*scanned), explainOf(m_engine).planRules());
    QCOMPARE(findings.size(), 1);
    QVERIFY2(findings.first().message.contains(u"CREATE INDEX %1 ON %2 (\"other\");"_s.arg(
                 m_engine.quoteIdentifier(table + u"_other_idx"_s), t)),
             qPrintable(findings.first().message));

    // The same plan in the shell's forms reads back the same names.
    const QString tree = SqliteEqpParser::treeText(*searched);
    const Result<Plan> fromTree = SqliteEqpParser::parse(tree);
    QVERIFY2(fromTree.ok(), qPrintable(fromTree.error().message()));
    QCOMPARE(fromTree->root().relation, table);
    QCOMPARE(fromTree->root().index, index);
    const QString list = u"2|0|0|"_s + s.extraValue(u"Detail"_s).toString();
    const Result<Plan> fromList = SqliteEqpParser::parse(list);
    QVERIFY2(fromList.ok(), qPrintable(fromList.error().message()));
    QCOMPARE(fromList->root().relation, table);
    QCOMPARE(fromList->root().index, index);
}

QTEST_GUILESS_MAIN(tst_SqliteExplain)
#include "tst_sqliteexplain.moc"
