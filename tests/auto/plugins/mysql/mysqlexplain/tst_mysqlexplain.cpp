// SPDX-License-Identifier: GPL-3.0-or-later
#include "../mysqltestsupport.h"

#include "explain/plananalysis.h"
#include "explain/planfindings.h"
#include "mysqldialect.h"
#include "mysqlengine.h"
#include "mysqlexplain.h"
#include "mysqlplanrules.h"

#include <QTest>

#include <cmath>

using namespace Strata;
using namespace Strata::MySql;
using Internal::MySqlExplain;
using Internal::MySqlSession;

namespace {

// The text the GUI and strata-cli make of a result: one column → the values joined by "\n";
// several → a header line and one tab-separated line per row.
QString resultText(const ResultSet &set)
{
    QStringList lines;
    if (set.columns.size() > 1) {
        QStringList names;
        for (const ColumnInfo &c : set.columns)
            names << c.name;
        lines << names.join(u'\t');
    }
    for (qint64 row = 0; row < set.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < set.columns.size(); ++column)
            cells << set.text(row, column);
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n');
}

QStringList nodeTypes(const Plan &plan)
{
    QStringList types;
    for (const PlanNode &n : plan.nodes)
        types << n.nodeType;
    return types;
}

} // namespace

class tst_MySqlExplain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void statementFitsTheServer_data();
    void statementFitsTheServer();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void dataChangingStatementsAreRecognised_data();
    void dataChangingStatementsAreRecognised();
    void formatIsDetected_data();
    void formatIsDetected();
    void engineOffersTheCapability();

    void serverPlansParseWithFindings_data();
    void serverPlansParseWithFindings();
    void analyzeOfAnUpdateInARolledBackTransactionChangesNothing();

private:
    Result<Plan> explainOnServer(const QString &sql, bool analyze);
    QString fill(const char *sql) const;

    MySqlSession m_session;
    MySqlExplain m_explain;
    Internal::MySqlDialect m_dialect;
    const QString m_orders = QStringLiteral("tst_mysqlexplain_orders");
    // Hostile: quotes, a comment, spaces, Cyrillic.
    const QString m_customers = QStringLiteral("tst_mysqlexplain c\"'; DROP t; -- таблица");
};

void tst_MySqlExplain::initTestCase()
{
    STRATA_REQUIRE_MYSQL();
    STRATA_VERIFY_OK(m_session.open(MySqlTest::settings()));
    const QString o = m_dialect.quoteIdentifier(m_orders);
    const QString c = m_dialect.quoteIdentifier(m_customers);
    const QStringList setup{
        QStringLiteral("DROP TABLE IF EXISTS %1, %2").arg(o, c),
        QStringLiteral("CREATE TABLE %1 (id INT PRIMARY KEY, name VARCHAR(40), country CHAR(2))")
            .arg(c),
        QStringLiteral("CREATE TABLE %1 (id INT PRIMARY KEY, customer_id INT, status VARCHAR(10), "
                       "amount DECIMAL(10,2), created DATE, KEY idx_customer (customer_id))")
            .arg(o),
        QStringLiteral("INSERT INTO %1 SELECT seq, CONCAT('customer ', seq), IF(seq %% 3 = 0, "
                       "'DE', 'FR') FROM seq_1_to_500")
            .replace(QStringLiteral("%%"), QStringLiteral("%"))
            .arg(c),
        QStringLiteral("INSERT INTO %1 SELECT seq, seq %% 500 + 1, IF(seq %% 50 = 0, 'open', "
                       "'done'), seq %% 1000, '2024-01-01' + INTERVAL seq %% 365 DAY FROM "
                       "seq_1_to_20000")
            .replace(QStringLiteral("%%"), QStringLiteral("%"))
            .arg(o),
        // Histograms, so that MariaDB's estimates see how selective a condition is.
        QStringLiteral("ANALYZE TABLE %1, %2 PERSISTENT FOR ALL").arg(o, c),
    };
    for (const QString &sql : setup)
        STRATA_VERIFY_OK(MySqlTest::run(m_session, sql));
}

void tst_MySqlExplain::cleanupTestCase()
{
    if (m_session.isOpen())
        (void)MySqlTest::run(m_session, QStringLiteral("DROP TABLE IF EXISTS %1, %2")
                                            .arg(m_dialect.quoteIdentifier(m_orders),
                                                 m_dialect.quoteIdentifier(m_customers)));
}

QString tst_MySqlExplain::fill(const char *sql) const
{
    return QString::fromUtf8(sql)
        .replace(QStringLiteral("%1"), m_dialect.quoteIdentifier(m_orders))
        .replace(QStringLiteral("%2"), m_dialect.quoteIdentifier(m_customers));
}

Result<Plan> tst_MySqlExplain::explainOnServer(const QString &sql, bool analyze)
{
    IExplain::Options options;
    options.analyze = analyze;
    options.serverVersion = m_session.serverVersion();
    const Result<QString> statement = m_explain.explainStatement(sql, options);
    if (!statement)
        return statement.error();
    const Result<QList<ResultSet>> results = MySqlTest::run(m_session, *statement);
    if (!results)
        return results.error();
    for (const ResultSet &set : *results) {
        if (set.summary.hasRows)
            return m_explain.parsePlan(resultText(set));
    }
    return Error(Error::Code::InvalidArgument, QStringLiteral("no plan came back"));
}

void tst_MySqlExplain::statementFitsTheServer_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mariadb estimate")
        << "10.11.6-MariaDB" << false << "EXPLAIN FORMAT=JSON SELECT 1";
    QTest::newRow("mariadb analyze")
        << "MariaDB 10.11.19" << true << "ANALYZE FORMAT=JSON SELECT 1";
    QTest::newRow("old mariadb handshake")
        << "5.5.5-10.6.12-MariaDB-log" << true << "ANALYZE FORMAT=JSON SELECT 1";
    QTest::newRow("mysql estimate") << "8.0.36" << false << "EXPLAIN FORMAT=JSON SELECT 1";
    QTest::newRow("mysql analyze") << "MySQL 8.0.18" << true << "EXPLAIN ANALYZE SELECT 1";
    QTest::newRow("mysql 9 analyze") << "9.1.0-commercial" << true << "EXPLAIN ANALYZE SELECT 1";
    QTest::newRow("mysql 5.7 estimate") << "5.7.44-log" << false << "EXPLAIN FORMAT=JSON SELECT 1";
    QTest::newRow("unknown estimate") << "" << false << "EXPLAIN FORMAT=JSON SELECT 1";
    QTest::newRow("unknown analyze") << "" << true << "EXPLAIN ANALYZE SELECT 1";
}

void tst_MySqlExplain::statementFitsTheServer()
{
    QFETCH(QString, version);
    QFETCH(bool, analyze);
    QFETCH(QString, expected);
    IExplain::Options o;
    o.analyze = analyze;
    o.serverVersion = version;
    const Result<QString> sql = m_explain.explainStatement(QStringLiteral("  SELECT 1;  "), o);
    QVERIFY2(sql.ok(), qPrintable(sql.error().message()));
    QCOMPARE(*sql, expected);
    QVERIFY(m_explain.supportsAnalyze());
}

void tst_MySqlExplain::badRequestsAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("analyze");
    QTest::newRow("empty") << "  -- nothing\n"
                           << "8.0.36" << false;
    QTest::newRow("two statements") << "SELECT 1; SELECT 2"
                                    << "10.11.6-MariaDB" << false;
    QTest::newRow("explain of explain") << "explain select 1"
                                        << "8.0.36" << false;
    QTest::newRow("explain after a comment") << "/* hi */ EXPLAIN FORMAT=JSON SELECT 1"
                                             << "8.0.36" << false;
    QTest::newRow("analyze of analyze") << "ANALYZE FORMAT=JSON SELECT 1"
                                        << "10.11.6-MariaDB" << true;
    QTest::newRow("describe") << "DESCRIBE t"
                              << "8.0.36" << false;
    QTest::newRow("ddl") << "CREATE TABLE t (a INT)"
                         << "8.0.36" << false;
    QTest::newRow("analyze on mysql 5.7") << "SELECT 1"
                                          << "5.7.44" << true;
    QTest::newRow("analyze on mysql 8.0.17") << "SELECT 1"
                                             << "8.0.17" << true;
}

void tst_MySqlExplain::badRequestsAreRefused()
{
    QFETCH(QString, sql);
    QFETCH(QString, version);
    QFETCH(bool, analyze);
    IExplain::Options o;
    o.analyze = analyze;
    o.serverVersion = version;
    const Result<QString> statement = m_explain.explainStatement(sql, o);
    QVERIFY(!statement.ok());
    QCOMPARE(statement.error().code(), Error::Code::InvalidArgument);
    QVERIFY(!statement.error().message().isEmpty());
}

void tst_MySqlExplain::dataChangingStatementsAreRecognised_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("changes");
    QTest::newRow("select") << "SELECT * FROM t" << false;
    QTest::newRow("select for update") << "SELECT * FROM t WHERE a = 1 FOR UPDATE" << false;
    QTest::newRow("insert") << "INSERT INTO t VALUES (1)" << true;
    QTest::newRow("insert without into") << "insert t values (1)" << true;
    QTest::newRow("update") << "update t set a = 1" << true;
    QTest::newRow("multi-table delete") << "DELETE t1 FROM t1 JOIN t2 USING (id)" << true;
    QTest::newRow("replace") << "REPLACE INTO t VALUES (1)" << true;
    QTest::newRow("load data") << "LOAD DATA INFILE '/tmp/x' INTO TABLE t" << true;
    QTest::newRow("upsert") << "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2" << true;
    QTest::newRow("replace function") << "SELECT REPLACE(name, 'a', 'b') FROM t" << false;
    QTest::newRow("insert function") << "SELECT INSERT(name, 1, 2, 'x') FROM t" << false;
    QTest::newRow("keyword in a string") << "SELECT 'delete me' FROM t" << false;
    QTest::newRow("keyword with escaped quote") << "SELECT 'it\\'s an update' FROM t" << false;
    QTest::newRow("keyword in a name") << "SELECT `update` FROM t" << false;
    QTest::newRow("keyword in a dash comment") << "SELECT 1 -- then UPDATE t\n" << false;
    QTest::newRow("keyword in a hash comment") << "SELECT 1 # DELETE FROM t\n" << false;
    QTest::newRow("keyword in a block comment") << "SELECT /* INSERT */ 1" << false;
    QTest::newRow("executable comment") << "/*!80000 DELETE FROM t */" << true;
    QTest::newRow("with then update") << "WITH x AS (SELECT 1) UPDATE t JOIN x SET t.a = 1" << true;
}

void tst_MySqlExplain::dataChangingStatementsAreRecognised()
{
    QFETCH(QString, sql);
    QFETCH(bool, changes);
    QCOMPARE(m_explain.changesData(sql), changes);
}

void tst_MySqlExplain::formatIsDetected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("format"); // empty: refused
    QTest::newRow("json")
        << R"({"query_block": {"select_id": 1, "table": {"message": "No tables used"}}})"
        << "json";
    QTest::newRow("json, \\G") << "*************************** 1. row ***************************\n"
                                  "EXPLAIN: {\"query_block\": {\"select_id\": 1}}\n"
                               << "json";
    QTest::newRow("tree") << "-> Table scan on t  (cost=1.25 rows=10)"
                          << "tree";
    QTest::newRow("tree, batch mode")
        << "EXPLAIN\n-> Filter: (t.a > 3)  (cost=1.25 rows=3)\\n    -> Table scan on t  "
           "(cost=1.25 rows=10)\\n"
        << "tree";
    QTest::newRow("traditional table")
        << "id\tselect_type\ttable\ttype\tpossible_keys\tkey\tkey_len\tref\trows\tExtra\n"
           "1\tSIMPLE\tt\tALL\tNULL\tNULL\tNULL\tNULL\t10\tUsing where"
        << "";
    QTest::newRow("postgres text") << "Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4)"
                                   << "";
    QTest::newRow("truncated json") << "{\"query_block\": {\"select_id\": 1,"
                                    << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("mysql cannot analyze it") << "EXPLAIN\n<not executable by iterator executor>\n"
                                             << "";
}

void tst_MySqlExplain::formatIsDetected()
{
    QFETCH(QString, text);
    QFETCH(QString, format);
    const Result<Plan> plan = m_explain.parsePlan(text);
    if (format.isEmpty()) {
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")),
                 qPrintable(plan.error().message()));
        return;
    }
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->sourceFormat, format);
    QCOMPARE(plan->engine, QStringLiteral("mysql"));
}

void tst_MySqlExplain::engineOffersTheCapability()
{
    MySqlEngine engine;
    QObject *object = &engine;
    IExplain *explain = qobject_cast<IExplain *>(object);
    QVERIFY(explain);
    QVERIFY(explain->supportsAnalyze());
    const Result<Plan> plan = explain->parsePlan(QStringLiteral("-> Table scan on t"));
    QVERIFY(plan.ok());
    QCOMPARE(plan->root().relation, QStringLiteral("t"));
    QCOMPARE(explain->planRules().size(), Internal::MySqlPlanRules::rules().size());
}

void tst_MySqlExplain::serverPlansParseWithFindings_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QStringList>("findings");
    struct Case
    {
        const char *name;
        const char *sql;
        QStringList types;
        QStringList estimateFindings;
        QStringList analyzeFindings;
    };
    const QList<Case> cases{
        {"join, group, order",
         "SELECT c.name, SUM(o.amount) FROM %1 o JOIN %2 c ON c.id = o.customer_id "
         "WHERE o.status = 'open' GROUP BY c.name ORDER BY 2 DESC",
         {"Filesort", "Temporary Table", "Nested Loop", "Unique Key Lookup"},
         {"temporary-table"},
         {"temporary-table"}},
        {"order by without index",
         "SELECT * FROM %1 ORDER BY amount, created",
         {"Filesort"},
         {},
         {"filesort"}},
        {"full scan with a selective condition",
         "SELECT * FROM %1 WHERE status = 'open'",
         {"Full Table Scan"},
         {"full-table-scan"},
         {"full-table-scan"}},
        {"dependent subquery",
         "SELECT o.id FROM %1 o WHERE o.amount > (SELECT AVG(o2.amount) FROM %1 o2 "
         "WHERE o2.customer_id = o.customer_id) AND o.id < 300",
         {"Index Range Scan", "Query Block"},
         {"dependent-subquery"},
         {"dependent-subquery"}},
        {"union",
         "SELECT id FROM %1 WHERE id < 10 UNION SELECT id FROM %2 WHERE id < 5",
         {"Union Result", "Index Range Scan"},
         {},
         {}},
        {"derived table",
         "SELECT * FROM (SELECT customer_id, COUNT(*) n FROM %1 GROUP BY customer_id) d "
         "JOIN %2 c ON c.id = d.customer_id WHERE d.n > 3",
         {"Query Block", "Full Index Scan"},
         {},
         {}},
        {"join without an index",
         "SELECT c.name, o.amount FROM %2 c JOIN %1 o ON o.amount = c.id + 0 "
         "WHERE c.country = 'DE'",
         {"Block Nested Loop", "Full Table Scan"},
         {"join-without-index"},
         {"join-without-index"}},
    };
    for (const Case &c : cases) {
        QTest::addRow("%s, estimate", c.name)
            << fill(c.sql) << false << c.types << c.estimateFindings;
        QTest::addRow("%s, analyze", c.name) << fill(c.sql) << true << c.types << c.analyzeFindings;
    }
}

void tst_MySqlExplain::serverPlansParseWithFindings()
{
    QFETCH(QString, sql);
    QFETCH(bool, analyze);
    QFETCH(QStringList, types);
    QFETCH(QStringList, findings);
    const Result<Plan> plan = explainOnServer(sql, analyze);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->engine, QStringLiteral("mysql"));
    QCOMPARE(plan->sourceFormat, QStringLiteral("json"));
    const QStringList ours = nodeTypes(*plan);
    for (const QString &type : types)
        QVERIFY2(ours.contains(type), qPrintable(ours.join(QStringLiteral(", "))));
    QCOMPARE(plan->hasActuals(), analyze);
    if (sql.contains(QLatin1String(" UNION "))) {
        // No alias: the hostile name itself is in the plan (MariaDB does not escape its quote).
        bool found = false;
        for (const PlanNode &n : plan->nodes)
            found = found || n.relation == m_customers;
        QVERIFY(found);
    }

    for (const PlanNode &n : plan->nodes) {
        if (n.relation.isEmpty() || n.relation.startsWith(u'<'))
            continue; // union results and derived tables are the server's own
        QVERIFY2(n.estimatedRows, qPrintable(n.relation));
        QVERIFY(n.extraValue(QStringLiteral("access_type")).isString());
        if (analyze)
            QVERIFY2(n.actualLoops && (n.actualRows || n.neverExecuted), qPrintable(n.relation));
    }
    const PlanAnalysis analysis = PlanAnalysis::analyze(*plan);
    if (analyze) {
        QVERIFY(plan->executionMs);
        QVERIFY(plan->planningMs);
        QVERIFY(analysis.totalMs());
        // Exclusive times add up to the statement's time, within rounding.
        QVERIFY2(std::abs(*analysis.totalMs() - *plan->executionMs) < 0.01,
                 qPrintable(
                     QStringLiteral("%1 vs %2").arg(*analysis.totalMs()).arg(*plan->executionMs)));
        for (int id = 0; id < plan->nodeCount(); ++id)
            QVERIFY(analysis.metrics(id).exclusiveMs.value_or(0) >= 0);
    } else {
        QVERIFY(!analysis.totalMs());
    }
    QStringList kinds;
    for (const PlanFinding &f : PlanFindings::find(*plan, analysis, m_explain.planRules())) {
        QVERIFY(f.nodeId >= 0 && f.nodeId < plan->nodeCount());
        QVERIFY(!f.message.isEmpty());
        if (!kinds.contains(f.kind))
            kinds << f.kind;
    }
    for (const QString &kind : findings)
        QVERIFY2(kinds.contains(kind), qPrintable(kinds.join(QStringLiteral(", "))));
}

void tst_MySqlExplain::analyzeOfAnUpdateInARolledBackTransactionChangesNothing()
{
    const QString update = fill("UPDATE %1 SET amount = amount + 1000 WHERE status = 'open'");
    QVERIFY(m_explain.changesData(update));
    const QString before = MySqlTest::scalar(m_session, fill("SELECT SUM(amount) FROM %1"));
    STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("START TRANSACTION")));
    const Result<Plan> plan = explainOnServer(update, true);
    STRATA_VERIFY_OK(MySqlTest::run(m_session, QStringLiteral("ROLLBACK")));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(MySqlTest::scalar(m_session, fill("SELECT SUM(amount) FROM %1")), before);
    QCOMPARE(plan->root().childIds.size(), 1);
    const PlanNode &table = plan->node(plan->root().childIds.first());
    QCOMPARE(table.relation, m_orders);
    QCOMPARE(*table.actualRows, 20000.0);
    QVERIFY(table.extraValue(QStringLiteral("update")).toInt() == 1);
    QVERIFY(table.filter.contains(QLatin1String("status")));
    const PlanAnalysis analysis = PlanAnalysis::analyze(*plan);
    QVERIFY(std::abs(*analysis.totalMs() - *plan->executionMs) < 0.01);
}

QTEST_GUILESS_MAIN(tst_MySqlExplain)
#include "tst_mysqlexplain.moc"
