// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planfindings.h"
#include "mysqlexplain.h"
#include "mysqlplanrules.h"

#include <QFile>
#include <QTest>

using namespace Strata;
using Strata::MySql::Internal::MySqlExplain;
using Strata::MySql::Internal::MySqlPlanRules;
using Severity = PlanFinding::Severity;

namespace {

QString fixture(const char *area, const char *name)
{
    QFile f(QStringLiteral(STRATA_SOURCE_DIR "/tests/auto/plugins/mysql/%1/data/%2")
                .arg(QLatin1String(area), QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<missing fixture %1>").arg(QLatin1String(name));
    return QString::fromUtf8(f.readAll());
}

QString json(const char *name)
{
    return fixture("mysqljsonplanparser", name);
}

QString tree(const char *name)
{
    return fixture("mysqltreeplanparser", name);
}

// A MariaDB ANALYZE FORMAT=JSON plan of one table.
QString oneTable(const QString &accessType, double rows, double rRows, double rFiltered,
                 const QString &condition, double filtered = 100)
{
    QString conditionPart;
    if (!condition.isEmpty())
        conditionPart = QStringLiteral(", \"attached_condition\": \"%1\"").arg(condition);
    return QStringLiteral(R"j({"query_block": {"select_id": 1, "r_loops": 1, "r_total_time_ms": 10,
        "table": {"table_name": "orders", "access_type": "%1", "r_loops": 1, "rows": %2,
        "r_rows": %3, "r_table_time_ms": 8, "r_other_time_ms": 1, "filtered": %6,
        "r_filtered": %4%5}}})j")
        .arg(accessType)
        .arg(rows)
        .arg(rRows)
        .arg(rFiltered)
        .arg(conditionPart)
        .arg(filtered);
}

QList<PlanFinding> findingsOf(const QString &text)
{
    MySqlExplain explain;
    const Result<Plan> plan = explain.parsePlan(text);
    if (!plan.ok()) {
        qWarning("%s", qPrintable(plan.error().message()));
        return {};
    }
    return PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), explain.planRules());
}

} // namespace

class tst_MySqlPlanRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsWhatADbaWould_data();
    void findsWhatADbaWould();
    void conditionColumnsAreTheTablesOwn_data();
    void conditionColumnsAreTheTablesOwn();
    void rulesOnlyRunOnMySqlPlans();
};

void tst_MySqlPlanRules::findsWhatADbaWould_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("severity"); // -1: any
    QTest::addColumn<QString>("phrase");

    const QString status = QStringLiteral("o.`status` = 'open'");
    // full-table-scan
    QTest::newRow("scan: analyze keeps 2%")
        << oneTable("ALL", 19742, 20000, 2, QStringLiteral("orders.`status` = 'open'"))
        << "full-table-scan" << 1 << int(Severity::Critical)
        << "Full Table Scan on orders reads 20,000 rows and its condition keeps 2% of them; an "
           "index on orders (status) would let it read only those rows.";
    QTest::newRow("scan: mysql 8 estimate keeps 10%")
        << QStringLiteral(R"j({"query_block": {"select_id": 1, "table": {"table_name": "o",
           "access_type": "ALL", "rows_examined_per_scan": 20000, "rows_produced_per_join": 2000,
           "filtered": "10.00", "attached_condition": "(`shop`.`o`.`amount` > 900)"}}})j")
        << "full-table-scan" << 1 << int(Severity::Warning)
        << "reads about 20,000 rows and the optimizer expects its condition to keep 10% of them; "
           "an index on o (amount)";
    QTest::newRow("scan: tree filter above the scan")
        << QStringLiteral("-> Filter: (orders.created >= DATE'2024-06-01')  (cost=2035 rows=666) "
                          "(actual time=0.05..8.1 rows=780 loops=1)\n"
                          "    -> Table scan on orders  (cost=2035 rows=20000) (actual "
                          "time=0.04..6.1 rows=20000 loops=1)\n")
        << "full-table-scan" << 1 << -1 << "an index on orders (created)";
    QTest::newRow("scan: condition keeps half")
        << oneTable("ALL", 20000, 20000, 50, status) << "full-table-scan" << 0 << -1 << "";
    QTest::newRow("scan: small table")
        << oneTable("ALL", 500, 500, 1, status) << "full-table-scan" << 0 << -1 << "";
    QTest::newRow("scan: no condition")
        << oneTable("ALL", 20000, 20000, 100, QString()) << "full-table-scan" << 0 << -1 << "";
    QTest::newRow("scan: range scan")
        << oneTable("range", 20000, 20000, 1, status) << "full-table-scan" << 0 << -1 << "";

    // temporary-table
    QTest::newRow("temporary: mariadb group by")
        << json("mariadb-analyze-group-order.json") << "temporary-table" << 1 << int(Severity::Info)
        << "120 rows go through an internal temporary table (\"Using temporary\") for GROUP BY";
    QTest::newRow("temporary: mysql 8 grouping")
        << json("mysql8-join-group-order.json") << "temporary-table" << 1 << int(Severity::Info)
        << "200 rows go through an internal temporary table";
    QTest::newRow("temporary: tree aggregate")
        << tree("mysql8-tree-group-sort.txt") << "temporary-table" << 1 << -1
        << "200 rows go through";
    QTest::newRow("temporary: window functions")
        << json("mariadb-analyze-window.json") << "temporary-table" << 1 << int(Severity::Info)
        << "99 rows go through an internal temporary table (\"Using temporary\") for the window "
           "functions; an index on the PARTITION BY and ORDER BY columns";
    QTest::newRow("temporary: none")
        << json("mysql8-hash-join-dependent-subquery.json") << "temporary-table" << 0 << -1 << "";

    // filesort
    QTest::newRow("filesort: merge passes")
        << json("mariadb-analyze-filesort-passes.json") << "filesort" << 1 << int(Severity::Warning)
        << "Filesort of 20,000 rows by orders.`status`, orders.created needed 6 merge passes "
           "with a 31 kB sort buffer";
    QTest::newRow("filesort: large sort in memory")
        << tree("mysql8-analyze-table-form.txt") << "filesort" << 1 << int(Severity::Info)
        << "Sort of 11,780 rows by orders.amount DESC (\"Using filesort\")";
    QTest::newRow("filesort: small sort")
        << json("mariadb-analyze-group-order.json") << "filesort" << 0 << -1 << "";

    // row-misestimate
    QTest::newRow("misestimate: 500x under")
        << oneTable("range", 10, 5000, 100, QString()) << "row-misestimate" << 1
        << int(Severity::Warning)
        << "Index Range Scan on orders: the optimizer expected 10 rows per loop but got 5,000 "
           "(500× more); run ANALYZE TABLE orders";
    QTest::newRow("misestimate: 2000x over")
        << oneTable("range", 200000, 100, 100, QString()) << "row-misestimate" << 1
        << int(Severity::Critical) << "(2,000× fewer)";
    QTest::newRow("misestimate: 2x")
        << json("mariadb-analyze-group-order.json") << "row-misestimate" << 0 << -1 << "";
    QTest::newRow("misestimate: tiny")
        << oneTable("range", 5, 60, 100, QString()) << "row-misestimate" << 0 << -1 << "";

    // join-without-index
    QTest::newRow("join: mariadb block nested loop")
        << json("mariadb-analyze-bnl-join.json") << "join-without-index" << 1
        << int(Severity::Critical)
        << "Block Nested Loop joins o without a usable index: each of 166 rows from the other "
           "side is matched against all 20,000 rows of o (3,320,000 row pairs); an index on o "
           "(amount) would let it look the matching rows up.";
    QTest::newRow("join: mysql 8 hash join")
        << json("mysql8-hash-join-dependent-subquery.json") << "join-without-index" << 1
        << int(Severity::Critical) << "an index on o (amount)";
    QTest::newRow("join: tree hash join")
        << QStringLiteral("-> Inner hash join (o.amount = c.id)  (cost=1e6 rows=1e6) (actual "
                          "time=5..90 rows=3320 loops=1)\n"
                          "    -> Table scan on c  (cost=51 rows=500) (actual time=0.05..0.3 "
                          "rows=500 loops=1)\n"
                          "    -> Hash\n"
                          "        -> Table scan on o  (cost=2035 rows=20000) (actual "
                          "time=0.04..6 rows=20000 loops=1)\n")
        << "join-without-index" << 1 << int(Severity::Critical) << "an index on o (amount)";
    QTest::newRow("join: small inner table")
        << json("mariadb-analyze-hash-join.json") << "join-without-index" << 0 << -1 << "";
    QTest::newRow("join: index lookup")
        << json("mariadb-analyze-group-order.json") << "join-without-index" << 0 << -1 << "";

    // dependent-subquery
    QTest::newRow("subquery: mariadb expression cache")
        << json("mariadb-analyze-dependent-subquery.json") << "dependent-subquery" << 1
        << int(Severity::Critical)
        << "Subquery Select #2 depends on the outer query and ran 299 times, once per outer row";
    QTest::newRow("subquery: tree")
        << tree("mysql8-analyze-dependent-subquery.txt") << "dependent-subquery" << 1
        << int(Severity::Critical) << "ran 6,640 times";
    QTest::newRow("subquery: mysql 8 estimate")
        << json("mysql8-hash-join-dependent-subquery.json") << "dependent-subquery" << 1
        << int(Severity::Info) << "runs once per outer row";
    QTest::newRow("subquery: derived table is not dependent")
        << json("mariadb-analyze-union-derived.json") << "dependent-subquery" << 0 << -1 << "";
}

void tst_MySqlPlanRules::findsWhatADbaWould()
{
    QFETCH(QString, plan);
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(int, severity);
    QFETCH(QString, phrase);
    QList<PlanFinding> found;
    for (const PlanFinding &f : findingsOf(plan)) {
        if (f.kind == kind)
            found.append(f);
    }
    QStringList messages;
    for (const PlanFinding &f : found)
        messages << f.message;
    QVERIFY2(found.size() == count, qPrintable(messages.join(u'\n')));
    if (count == 0)
        return;
    if (severity >= 0)
        QCOMPARE(int(found.first().severity), severity);
    QVERIFY2(found.first().message.contains(phrase), qPrintable(found.first().message));
    QVERIFY(found.first().nodeId >= 0);
}

void tst_MySqlPlanRules::conditionColumnsAreTheTablesOwn_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("mariadb") << "o.`status` = 'open' and o.amount > 5"
                             << "o" << QStringList{"status", "amount"};
    QTest::newRow("mysql 8 qualified")
        << "((`shop`.`o`.`status` = 'open') and (`shop`.`o`.`created` >= DATE'2024-01-01'))"
        << "o" << QStringList{"status", "created"};
    QTest::newRow("other table left out") << "c.country = 'DE' and o.amount = c.`id`"
                                          << "c" << QStringList{"country"};
    QTest::newRow("strings hide look-alikes") << "o.note = 'a = b' and o.x is null"
                                              << "o" << QStringList{"note", "x"};
    QTest::newRow("hostile name") << "`x'; DROP TABLE t; --`.`a\"b` like 'z%'"
                                  << "x'; DROP TABLE t; --" << QStringList{"a\"b"};
    QTest::newRow("unqualified") << "(amount between 1 and 5)"
                                 << "o" << QStringList{"amount"};
    QTest::newRow("nothing compared") << "o.flag"
                                      << "o" << QStringList{};
}

void tst_MySqlPlanRules::conditionColumnsAreTheTablesOwn()
{
    QFETCH(QString, condition);
    QFETCH(QString, relation);
    QFETCH(QStringList, columns);
    QCOMPARE(MySqlPlanRules::conditionColumns(condition, relation), columns);
}

void tst_MySqlPlanRules::rulesOnlyRunOnMySqlPlans()
{
    MySqlExplain explain;
    Result<Plan> plan =
        explain.parsePlan(oneTable("ALL", 20000, 20000, 1, QStringLiteral("orders.a = 1")));
    QVERIFY(plan.ok());
    QVERIFY(
        !PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), explain.planRules()).isEmpty());
    plan->engine = QStringLiteral("postgresql");
    QVERIFY(PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), explain.planRules()).isEmpty());
}

QTEST_GUILESS_MAIN(tst_MySqlPlanRules)
#include "tst_mysqlplanrules.moc"
