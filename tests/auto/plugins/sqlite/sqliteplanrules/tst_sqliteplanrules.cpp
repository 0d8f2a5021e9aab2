// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteeqpparser.h"
#include "sqliteplanrules.h"

#include "explain/planfindings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Strata;
using Strata::Sqlite::Internal::SqliteEqpParser;
using Strata::Sqlite::Internal::SqlitePlanRules;

Q_DECLARE_METATYPE(Strata::PlanFinding::Severity)

class tst_SqlitePlanRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsWhatADbaWouldFlag_data();
    void findsWhatADbaWouldFlag();
    void readsIndexConditionColumns_data();
    void readsIndexConditionColumns();
    void rulesApplyToSqlitePlansOnly();
};

namespace {

QString tree(const QString &body)
{
    return u"QUERY PLAN\n"_s + body;
}

} // namespace

void tst_SqlitePlanRules::findsWhatADbaWouldFlag_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("nodeDetail");
    QTest::addColumn<PlanFinding::Severity>("severity");
    QTest::addColumn<QString>("says");
    using S = PlanFinding::Severity;
    const QString scan = u"scan-without-index"_s;

    QTest::newRow("scan of a searched table names the columns")
        << tree(u"`--SCAN t1"_s) << u"SELECT * FROM t1 WHERE b = 2 AND c > 1"_s << scan << 1
        << u"SCAN t1"_s << S::Warning
        << uR"(an index on t1 (b, c) would let SQLite search it instead: CREATE INDEX "t1_b_c_idx" ON "t1" ("b", "c");)"_s;
    QTest::newRow("scan of an alias names the table")
        << tree(u"`--SCAN x"_s) << u"SELECT * FROM orders AS x WHERE x.status = 'open'"_s << scan
        << 1 << u"SCAN x"_s << S::Warning << u"an index on orders (status)"_s;
    QTest::newRow("inner loop of a join, no query text")
        << tree(u"|--SCAN t1\n`--SCAN t2"_s) << QString() << scan << 1 << u"SCAN t2"_s
        << S::Critical << u"once for each row of t1 (the inner loop of a join)"_s;
    QTest::newRow("inner loop of a join, columns from ON")
        << tree(u"|--SCAN t1\n`--SCAN t2"_s) << u"SELECT * FROM t1 JOIN t2 ON t2.x != t1.x"_s
        << scan << 1 << u"SCAN t2"_s << S::Critical << u"an index on t2 (x)"_s;
    QTest::newRow("inner loop after a subquery's scan")
        << tree(u"|--MATERIALIZE x1\n|  `--SCAN t1\n|--SCAN x1\n`--SCAN t2"_s) << QString() << scan
        << 1 << u"SCAN t2"_s << S::Critical << u"once for each row of x1"_s;
    QTest::newRow("OR needs an index per column")
        << tree(u"`--SCAN t1"_s) << u"SELECT * FROM t1 WHERE a = 1 OR b = 2"_s << scan << 1
        << u"SCAN t1"_s << S::Warning
        << uR"(combined with OR, so SQLite needs an index on each column to search instead: CREATE INDEX "t1_a_idx" ON "t1" ("a"); CREATE INDEX "t1_b_idx" ON "t1" ("b");)"_s;
    QTest::newRow("no: a scan nothing searches")
        << tree(u"`--SCAN t1"_s) << QString() << scan << 0 << QString() << S::Info << QString();
    QTest::newRow("no: the statement has no WHERE")
        << tree(u"`--SCAN t1"_s) << u"SELECT * FROM t1 ORDER BY a"_s << scan << 0 << QString()
        << S::Info << QString();
    QTest::newRow("no: a scan through an index")
        << tree(u"`--SCAN t1 USING COVERING INDEX i1"_s) << u"SELECT a FROM t1 WHERE a > 0"_s
        << scan << 0 << QString() << S::Info << QString();
    QTest::newRow("no: a co-routine's rows")
        << tree(u"|--CO-ROUTINE (subquery-1)\n|  `--SCAN CONSTANT ROW\n`--SCAN (subquery-1)"_s)
        << QString() << scan << 0 << QString() << S::Info << QString();
    QTest::newRow("no: a search in the inner loop")
        << tree(u"|--SCAN t1\n`--SEARCH t2 USING INDEX i2 (b=?)"_s) << QString() << scan << 0
        << QString() << S::Info << QString();
    QTest::newRow("no: a CTE of the statement")
        << tree(u"`--SCAN c"_s) << u"WITH c AS (SELECT 1 AS a) SELECT * FROM c WHERE a = 1"_s
        << scan << 0 << QString() << S::Info << QString();

    const QString temp = u"temp-b-tree"_s;
    QTest::newRow("order by with an index to suggest")
        << tree(u"|--SCAN t1\n`--USE TEMP B-TREE FOR ORDER BY"_s)
        << u"SELECT * FROM t1 ORDER BY a, b DESC"_s << temp << 1
        << u"USE TEMP B-TREE FOR ORDER BY"_s << S::Info
        << uR"(an index on t1 (a, b) would return the rows in that order without sorting: CREATE INDEX "t1_a_b_idx")"_s;
    QTest::newRow("group by without query text")
        << tree(u"|--SCAN t1\n`--USE TEMP B-TREE FOR GROUP BY"_s) << QString() << temp << 1
        << u"USE TEMP B-TREE FOR GROUP BY"_s << S::Info << u"in GROUP BY order"_s;
    QTest::newRow("group by with query text")
        << tree(u"|--SCAN t1\n`--USE TEMP B-TREE FOR GROUP BY"_s)
        << u"SELECT k, count(*) FROM t1 GROUP BY k"_s << temp << 1
        << u"USE TEMP B-TREE FOR GROUP BY"_s << S::Info << u"an index on t1 (k)"_s;
    QTest::newRow("distinct") << tree(u"|--SCAN t1\n`--USE TEMP B-TREE FOR DISTINCT"_s) << QString()
                              << temp << 1 << u"USE TEMP B-TREE FOR DISTINCT"_s << S::Info
                              << u"removes duplicate rows for DISTINCT"_s;
    QTest::newRow("right part of order by")
        << tree(u"|--SCAN t2 USING INDEX t2i1\n`--USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"_s)
        << QString() << temp << 1 << u"USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"_s << S::Info
        << u"sorts the rest (right part of order by)"_s;
    QTest::newRow("no: a UNION's temporary B-tree")
        << tree(u"`--COMPOUND QUERY\n   |--LEFT-MOST SUBQUERY\n   |  `--SCAN t1\n"
                u"   `--UNION USING TEMP B-TREE\n      `--SCAN t2"_s)
        << QString() << temp << 0 << QString() << S::Info << QString();

    const QString automatic = u"automatic-index"_s;
    QTest::newRow("automatic index")
        << tree(u"|--SCAN t1\n`--SEARCH t2 USING AUTOMATIC COVERING INDEX (b=? AND c=?)"_s)
        << QString() << automatic << 1
        << u"SEARCH t2 USING AUTOMATIC COVERING INDEX (b=? AND c=?)"_s << S::Warning
        << uR"(builds an automatic index on t2 (b, c) every time this statement runs and throws it away afterwards; create it for real: CREATE INDEX "t2_b_c_idx" ON "t2" ("b", "c");)"_s;
    QTest::newRow("automatic index on an alias")
        << tree(u"|--SCAN t1\n`--SEARCH y USING AUTOMATIC PARTIAL COVERING INDEX (b=?)"_s)
        << u"SELECT * FROM t1 JOIN t2 AS y ON y.b = t1.a WHERE y.c > 0"_s << automatic << 1
        << u"SEARCH y USING AUTOMATIC PARTIAL COVERING INDEX (b=?)"_s << S::Warning
        << uR"(ON "t2" ("b"))"_s;
    QTest::newRow("automatic index, hostile names")
        << tree(
               u"|--SCAN t1\n`--SEARCH a\"b USING AUTOMATIC COVERING INDEX (x'; DROP TABLE t; --=?)"_s)
        << QString() << automatic << 1
        << u"SEARCH a\"b USING AUTOMATIC COVERING INDEX (x'; DROP TABLE t; --=?)"_s << S::Warning
        << uR"(ON "a""b" ("x'; DROP TABLE t; --");)"_s;
    QTest::newRow("automatic index on a subquery")
        << tree(u"|--MATERIALIZE sq\n|  `--SCAN t3\n|--SCAN t1\n"
                u"`--SEARCH sq USING AUTOMATIC COVERING INDEX (a=?)"_s)
        << QString() << automatic << 1 << u"SEARCH sq USING AUTOMATIC COVERING INDEX (a=?)"_s
        << S::Warning << u"on sq (a), the rows of a subquery or CTE"_s;
    QTest::newRow("no: a real index")
        << tree(u"|--SCAN t1\n`--SEARCH t2 USING INDEX i2 (b=?)"_s) << QString() << automatic << 0
        << QString() << S::Info << QString();

    const QString correlated = u"correlated-subquery"_s;
    QTest::newRow("correlated subquery scanning per row")
        << tree(u"|--SCAN t1\n`--CORRELATED LIST SUBQUERY 1\n   `--SCAN t2"_s) << QString()
        << correlated << 1 << u"CORRELATED LIST SUBQUERY 1"_s << S::Critical
        << u"The correlated list subquery 1 runs once for every row of the outer query and reads all of t2 each time"_s;
    QTest::newRow("correlated subquery searching per row")
        << tree(
               u"|--SCAN t1\n`--CORRELATED SCALAR SUBQUERY 2\n   `--SEARCH t2 USING INDEX i (x=?)"_s)
        << QString() << correlated << 1 << u"CORRELATED SCALAR SUBQUERY 2"_s << S::Warning
        << u"runs once for every row of the outer query; a join"_s;
    QTest::newRow("no: an uncorrelated subquery runs once")
        << tree(u"|--SCAN t1\n`--SCALAR SUBQUERY 1\n   `--SCAN t2"_s) << QString() << correlated
        << 0 << QString() << S::Info << QString();
}

void tst_SqlitePlanRules::findsWhatADbaWouldFlag()
{
    QFETCH(QString, plan);
    QFETCH(QString, query);
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(QString, nodeDetail);
    QFETCH(PlanFinding::Severity, severity);
    QFETCH(QString, says);

    Result<Plan> parsed = SqliteEqpParser::parse(plan);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    parsed->queryText = query;
    const QList<PlanFinding> all =
        PlanFindings::find(*parsed, PlanAnalysis::analyze(*parsed), SqlitePlanRules::rules());
    QList<PlanFinding> found;
    for (const PlanFinding &f : all) {
        QVERIFY(f.nodeId >= 0 && f.nodeId < parsed->nodeCount());
        QVERIFY(!f.message.isEmpty());
        if (f.kind == kind)
            found.append(f);
    }
    QCOMPARE(found.size(), count);
    if (count == 0)
        return;
    const PlanFinding &f = found.first();
    QCOMPARE(parsed->node(f.nodeId).extraValue(u"Detail"_s).toString(), nodeDetail);
    QCOMPARE(f.severity, severity);
    QVERIFY2(f.message.contains(says), qPrintable(f.message));
}

void tst_SqlitePlanRules::readsIndexConditionColumns_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("one") << u"a=?"_s << QStringList{u"a"_s};
    QTest::newRow("range") << u"a=? AND b>? AND b<?"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("skip-scan") << u"ANY(a) AND b=?"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("rowid") << u"rowid=?"_s << QStringList{u"rowid"_s};
    QTest::newRow("spaces in a name") << u"my col=?"_s << QStringList{u"my col"_s};
    QTest::newRow("empty") << QString() << QStringList{};
}

void tst_SqlitePlanRules::readsIndexConditionColumns()
{
    QFETCH(QString, condition);
    QFETCH(QStringList, columns);
    QCOMPARE(SqlitePlanRules::conditionColumns(condition), columns);
}

void tst_SqlitePlanRules::rulesApplyToSqlitePlansOnly()
{
    Result<Plan> plan = SqliteEqpParser::parse(tree(u"|--SCAN t1\n`--SCAN t2"_s));
    QVERIFY(plan.ok());
    QVERIFY(!PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), SqlitePlanRules::rules())
                 .isEmpty());
    plan->engine = u"postgresql"_s;
    QVERIFY(PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), SqlitePlanRules::rules())
                .isEmpty());
    for (const PlanRule &rule : SqlitePlanRules::rules())
        QCOMPARE(rule.engine, u"sqlite"_s);
}

QTEST_GUILESS_MAIN(tst_SqlitePlanRules)
#include "tst_sqliteplanrules.moc"
