// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plannodelabel.h"

#include <QTest>

using namespace Strata;

class tst_PlanNodeLabel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linesDescribeTheNode_data();
    void linesDescribeTheNode();
    void gatherTellsHowManyWorkersRan();
    void searchMatchesNamesAndConditions_data();
    void searchMatchesNamesAndConditions();
    void numbersAreCompact_data();
    void numbersAreCompact();
};

void tst_PlanNodeLabel::linesDescribeTheNode_data()
{
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<bool>("misestimated");
    QTest::newRow("analyze") << true
                             << QStringList{"Index Scan", "using orders_pkey on public.orders o",
                                            "6.0 ms · 60%", "rows 4,000 of 20 est. · 200× under"}
                             << true;
    QTest::newRow("estimate only") << false
                                   << QStringList{"Index Scan",
                                                  "using orders_pkey on public.orders o",
                                                  "cost 50 · 50%", "rows 10 est."}
                                   << false;
}

void tst_PlanNodeLabel::linesDescribeTheNode()
{
    QFETCH(bool, analyze);
    QFETCH(QStringList, lines);
    QFETCH(bool, misestimated);
    Plan plan;
    PlanNode root;
    root.nodeType = QStringLiteral("Nested Loop");
    root.joinType = QStringLiteral("Left");
    root.totalCost = 100;
    PlanNode scan;
    scan.nodeType = QStringLiteral("Index Scan");
    scan.schema = QStringLiteral("public");
    scan.relation = QStringLiteral("orders");
    scan.alias = QStringLiteral("o");
    scan.index = QStringLiteral("orders_pkey");
    scan.totalCost = 50;
    scan.estimatedRows = 10;
    if (analyze) {
        root.actualTotalMs = 10;
        root.actualLoops = 1;
        root.actualRows = 1;
        scan.actualTotalMs = 3;
        scan.actualLoops = 2;
        scan.actualRows = 2000;
    }
    plan.addNode(root, -1);
    plan.addNode(scan, 0);
    const PlanDocument doc = PlanDocument::analyze(plan, {});
    const PlanNodeLabel label = PlanNodeLabel::of(doc, 1);
    QCOMPARE(label.lines(), lines);
    QCOMPARE(label.misestimated, misestimated);
    QCOMPARE(PlanNodeLabel::of(doc, 0).title, QStringLiteral("Nested Loop (Left)"));
}

void tst_PlanNodeLabel::gatherTellsHowManyWorkersRan()
{
    Plan plan;
    PlanNode gather;
    gather.nodeType = QStringLiteral("Gather");
    gather.workersPlanned = 4;
    gather.workersLaunched = 2;
    plan.addNode(gather, -1);
    QCOMPARE(PlanNodeLabel::of(PlanDocument::analyze(plan, {}), 0).detail,
             QStringLiteral("2 of 4 workers launched"));
    plan.nodes[0].workersLaunched.reset();
    QCOMPARE(PlanNodeLabel::of(PlanDocument::analyze(plan, {}), 0).detail,
             QStringLiteral("4 workers planned"));
}

void tst_PlanNodeLabel::searchMatchesNamesAndConditions_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("match");
    QTest::newRow("type") << "seq sc" << true;
    QTest::newRow("relation") << "ORDERS" << true;
    QTest::newRow("alias") << "ord_alias" << true;
    QTest::newRow("index") << "idx_customer" << true;
    QTest::newRow("filter") << "status = 'x'" << true;
    QTest::newRow("hostile") << "<script>" << true;
    QTest::newRow("absent") << "lineitem" << false;
    QTest::newRow("empty") << "" << false;
}

void tst_PlanNodeLabel::searchMatchesNamesAndConditions()
{
    QFETCH(QString, needle);
    QFETCH(bool, match);
    PlanNode n;
    n.nodeType = QStringLiteral("Seq Scan");
    n.relation = QStringLiteral("orders");
    n.alias = QStringLiteral("ord_alias");
    n.index = QStringLiteral("idx_customer");
    n.filter = QStringLiteral("(status = 'x')");
    n.joinFilter = QStringLiteral("<script>&\"'");
    QCOMPARE(PlanNodeLabel::matches(n, needle), match);
}

void tst_PlanNodeLabel::numbersAreCompact_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("count");
    QTest::addColumn<QString>("ms");
    QTest::newRow("zero") << 0.0 << "0" << "0.000 ms";
    QTest::newRow("small") << 0.0125 << "0.013" << "0.013 ms"; // count: 2 significant digits
    QTest::newRow("tens") << 12.34 << "12" << "12.3 ms";
    QTest::newRow("hundreds") << 950.4 << "950" << "950 ms";
    QTest::newRow("thousands") << 12345.0 << "12,345" << "12.35 s";
    QTest::newRow("millions") << 2500000.0 << "2.5M" << "2500.00 s";
}

void tst_PlanNodeLabel::numbersAreCompact()
{
    QFETCH(double, value);
    QFETCH(QString, count);
    QFETCH(QString, ms);
    QCOMPARE(PlanNodeLabel::formatCount(value), count);
    QCOMPARE(PlanNodeLabel::formatMs(value), ms);
}

QTEST_GUILESS_MAIN(tst_PlanNodeLabel)
#include "tst_plannodelabel.moc"
