// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plananalysis.h"
#include "mysqltreeplanparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include "../planfixture.h"

#include <cmath>

using namespace Strata;
using Strata::MySql::Internal::MySqlTreePlanParser;

namespace {

QString fixture(const QString &name)
{
    return Test::planFixture("mysqltreeplanparser", name);
}

Plan parsed(const QString &text)
{
    const Result<Plan> plan = MySqlTreePlanParser::parse(text);
    if (!plan.ok())
        qWarning("%s", qPrintable(plan.error().message()));
    return plan.ok() ? plan.value() : Plan();
}

QString typesOf(const Plan &plan)
{
    QStringList types;
    for (const PlanNode &n : plan.nodes)
        types << QString(n.depth * 2, u' ') + n.nodeType +
                     (n.relation.isEmpty() ? QString() : QStringLiteral(" ") + n.relation);
    return types.join(u'\n');
}

} // namespace

class tst_MySqlTreePlanParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixturesParseIntoTheirTree_data();
    void fixturesParseIntoTheirTree();
    void exclusiveTimesAddUpToTheRoot_data();
    void exclusiveTimesAddUpToTheRoot();
    void figuresAreRead();
    void operationsAreTakenApart_data();
    void operationsAreTakenApart();
    void subqueriesAndNeverExecutedNodes();
    void estimateOnlyTreeHasNoActuals();
    void rejectsWhatIsNotAPlan_data();
    void rejectsWhatIsNotAPlan();
    void hostileNamesStayVerbatim();
};

void tst_MySqlTreePlanParser::fixturesParseIntoTheirTree_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("tree");
    QTest::newRow("manual hash join, \\G, wrapped lines") << "mysql8-analyze-hash-join-manual.txt"
                                                          << "Inner hash join\n"
                                                             "  Table scan t2\n"
                                                             "  Hash\n"
                                                             "    Table scan t1";
    QTest::newRow("dependent subquery") << "mysql8-analyze-dependent-subquery.txt"
                                        << "Nested loop inner join\n"
                                           "  Filter\n"
                                           "    Table scan c\n"
                                           "  Filter\n"
                                           "    Index lookup o\n"
                                           "    Subquery\n"
                                           "      Aggregate\n"
                                           "        Index lookup o2\n"
                                           "  Filter\n"
                                           "    Single-row index lookup v";
    QTest::newRow("format=tree with header") << "mysql8-tree-group-sort.txt"
                                             << "Sort\n"
                                                "  Table scan <temporary>\n"
                                                "    Aggregate using temporary table\n"
                                                "      Nested loop inner join\n"
                                                "        Filter\n"
                                                "          Table scan c\n"
                                                "        Filter\n"
                                                "          Index lookup o";
    QTest::newRow("table form") << "mysql8-analyze-table-form.txt"
                                << "Limit\n"
                                   "  Sort\n"
                                   "    Filter\n"
                                   "      Table scan orders";
}

void tst_MySqlTreePlanParser::fixturesParseIntoTheirTree()
{
    QFETCH(QString, name);
    QFETCH(QString, tree);
    const Plan plan = parsed(fixture(name));
    QCOMPARE(typesOf(plan), tree);
    QCOMPARE(plan.engine, QStringLiteral("mysql"));
    QCOMPARE(plan.sourceFormat, QStringLiteral("tree"));
    for (const PlanNode &n : plan.nodes)
        QVERIFY(!n.extraValue(QStringLiteral("Operation")).toString().isEmpty());
}

void tst_MySqlTreePlanParser::exclusiveTimesAddUpToTheRoot_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("hash join") << "mysql8-analyze-hash-join-manual.txt";
    QTest::newRow("dependent subquery") << "mysql8-analyze-dependent-subquery.txt";
    QTest::newRow("limit") << "mysql8-analyze-table-form.txt";
}

void tst_MySqlTreePlanParser::exclusiveTimesAddUpToTheRoot()
{
    QFETCH(QString, name);
    const Plan plan = parsed(fixture(name));
    QVERIFY(plan.hasActuals());
    QVERIFY(plan.executionMs);
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QVERIFY(std::abs(*analysis.totalMs() - *plan.executionMs) < 0.001);
    // The subquery's time is counted once: under its heading, not also in its parent.
    for (const PlanNode &n : plan.nodes) {
        if (n.nodeType == QLatin1String("Subquery"))
            QVERIFY(analysis.metrics(n.id).inclusiveMs);
    }
}

void tst_MySqlTreePlanParser::figuresAreRead()
{
    const Plan plan = parsed(fixture(QStringLiteral("mysql8-analyze-hash-join-manual.txt")));
    const PlanNode &root = plan.root();
    QCOMPARE(*root.totalCost, 4.70);
    QCOMPARE(*root.estimatedRows, 6.0);
    QCOMPARE(*root.actualStartupMs, 0.032);
    QCOMPARE(*root.actualTotalMs, 0.035);
    QCOMPARE(*root.actualRows, 6.0);
    QCOMPARE(*root.actualLoops, 1.0);
    QCOMPARE(root.hashCond, QStringLiteral("t2.c2 = t1.c1"));
    QCOMPARE(root.joinType, QStringLiteral("Inner"));
    QCOMPARE(plan.node(1).relationship, PlanNode::Relationship::Outer);
    QCOMPARE(plan.node(2).relationship, PlanNode::Relationship::Inner);
    QCOMPARE(*plan.executionMs, 0.035);
    // "-> Hash" has no figures of its own: it took as long as what it hashed.
    QCOMPARE(*plan.node(2).actualTotalMs, 0.022);
}

void tst_MySqlTreePlanParser::operationsAreTakenApart_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("relation");
    QTest::addColumn<QString>("index");
    QTest::addColumn<QString>("condition");
    QTest::newRow("table scan") << "-> Table scan on t  (cost=1.25 rows=10)"
                                << "Table scan"
                                << "t"
                                << ""
                                << "";
    QTest::newRow("index lookup") << "-> Index lookup on t2 using idx (a=t1.a)  (cost=0.9 rows=3)"
                                  << "Index lookup"
                                  << "t2"
                                  << "idx"
                                  << "(a=t1.a)";
    QTest::newRow("range scan")
        << "-> Index range scan on t using idx over (3 < a)  (cost=2 rows=5)"
        << "Index range scan"
        << "t"
        << "idx"
        << "(3 < a)";
    QTest::newRow("covering") << "-> Covering index scan on t using idx_b  (cost=1.1 rows=10)"
                              << "Covering index scan"
                              << "t"
                              << "idx_b"
                              << "";
    QTest::newRow("filter") << "-> Filter: (t.a > 3)  (cost=1.25 rows=3)"
                            << "Filter"
                            << ""
                            << ""
                            << "(t.a > 3)";
    QTest::newRow("left hash join") << "-> Left hash join (t2.a = t1.a)  (cost=3 rows=9)"
                                    << "Left hash join"
                                    << ""
                                    << ""
                                    << "t2.a = t1.a";
    QTest::newRow("antijoin") << "-> Nested loop antijoin  (cost=3 rows=9)"
                              << "Nested loop antijoin"
                              << ""
                              << ""
                              << "";
    QTest::newRow("no figures") << "-> Materialize with deduplication"
                                << "Materialize with deduplication"
                                << ""
                                << ""
                                << "";
}

void tst_MySqlTreePlanParser::operationsAreTakenApart()
{
    QFETCH(QString, line);
    QFETCH(QString, type);
    QFETCH(QString, relation);
    QFETCH(QString, index);
    QFETCH(QString, condition);
    const Plan plan = parsed(line);
    QCOMPARE(plan.nodeCount(), 1);
    const PlanNode &n = plan.root();
    QCOMPARE(n.nodeType, type);
    QCOMPARE(n.relation, relation);
    QCOMPARE(n.index, index);
    QCOMPARE(n.filter + n.indexCond + n.hashCond, condition);
    QVERIFY(!n.hasActuals());
}

void tst_MySqlTreePlanParser::subqueriesAndNeverExecutedNodes()
{
    const Plan plan = parsed(fixture(QStringLiteral("mysql8-analyze-dependent-subquery.txt")));
    const PlanNode &sub = plan.node(5);
    QCOMPARE(sub.relationship, PlanNode::Relationship::SubPlan);
    QCOMPARE(sub.subplanName, QStringLiteral("Select #2"));
    QCOMPARE(sub.extraValue(QStringLiteral("Subquery Kind")).toString(),
             QStringLiteral("subquery in condition; dependent"));
    QCOMPARE(*plan.node(6).actualLoops, 6640.0);
    const PlanNode &never = plan.node(8);
    QVERIFY(never.neverExecuted);
    QCOMPARE(*never.actualLoops, 0.0);
    QVERIFY(plan.node(9).neverExecuted);
    QCOMPARE(plan.node(9).index, QStringLiteral("PRIMARY"));
    QCOMPARE(plan.node(4).indexCond, QStringLiteral("(customer_id=c.id)"));
    const PlanAnalysis analysis = PlanAnalysis::analyze(plan);
    QCOMPARE(*analysis.metrics(8).inclusiveMs, 0.0);
}

void tst_MySqlTreePlanParser::estimateOnlyTreeHasNoActuals()
{
    const Plan plan = parsed(fixture(QStringLiteral("mysql8-tree-group-sort.txt")));
    QVERIFY(!plan.hasActuals());
    QVERIFY(!plan.executionMs);
    QCOMPARE(plan.root().extraValue(QStringLiteral("Operation")).toString(),
             QStringLiteral("Sort: total DESC"));
    const PlanNode &lookup = plan.node(7);
    QCOMPARE(lookup.extraValue(QStringLiteral("Index Condition Pushdown")).toString(),
             QStringLiteral("(o.created > DATE'2024-01-01')"));
    QCOMPARE(*lookup.estimatedRows, 40.0);
}

void tst_MySqlTreePlanParser::rejectsWhatIsNotAPlan_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("prose") << "Nothing to see here\n-> but an arrow later";
    QTest::newRow("json") << "{\"query_block\": {}}";
    QTest::newRow("arrow without operation") << "->   (cost=1 rows=2)";
    QTest::newRow("two roots") << "-> Table scan on a\n-> Table scan on b";
}

void tst_MySqlTreePlanParser::rejectsWhatIsNotAPlan()
{
    QFETCH(QString, text);
    const Result<Plan> plan = MySqlTreePlanParser::parse(text);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")),
             qPrintable(plan.error().message()));
}

void tst_MySqlTreePlanParser::hostileNamesStayVerbatim()
{
    const Plan plan = parsed(QStringLiteral(
        "-> Filter: (`x'; DROP TABLE t; --`.`a\"b` = '<b>таблица</b>')  (cost=1 rows=1)\n"
        "    -> Table scan on x'; DROP TABLE t; --  (cost=1 rows=1)\n"));
    QCOMPARE(plan.root().filter,
             QStringLiteral("(`x'; DROP TABLE t; --`.`a\"b` = '<b>таблица</b>')"));
    QCOMPARE(plan.node(1).nodeType, QStringLiteral("Table scan"));
    QCOMPARE(plan.node(1).relation, QStringLiteral("x'; DROP TABLE t; --"));
    QCOMPARE(plan.node(1).extraValue(QStringLiteral("Operation")).toString(),
             QStringLiteral("Table scan on x'; DROP TABLE t; --"));
}

QTEST_GUILESS_MAIN(tst_MySqlTreePlanParser)
#include "tst_mysqltreeplanparser.moc"
