// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plan.h"

#include <QJsonArray>
#include <QTest>

using namespace Strata;

class tst_Plan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addNodeLinksParentsChildrenAndDepth();
    void actualsAreDetectedOnlyWhenReported();
    void extraValueFindsKeptProperties();
    void relationshipNamesRoundTrip_data();
    void relationshipNamesRoundTrip();
    void totalActualRowsMultipliesByLoops();
};

void tst_Plan::addNodeLinksParentsChildrenAndDepth()
{
    Plan plan;
    PlanNode root;
    root.nodeType = QStringLiteral("Hash Join");
    const int r = plan.addNode(root, -1);
    PlanNode a;
    a.nodeType = QStringLiteral("Seq Scan");
    const int c1 = plan.addNode(a, r);
    PlanNode h;
    h.nodeType = QStringLiteral("Hash");
    const int c2 = plan.addNode(h, r);
    const int c3 = plan.addNode(a, c2);

    QCOMPARE(r, 0);
    QCOMPARE(plan.nodeCount(), 4);
    QCOMPARE(plan.root().childIds, QList<int>({c1, c2}));
    QCOMPARE(plan.node(c3).parentId, c2);
    QCOMPARE(plan.node(c3).depth, 2);
    QCOMPARE(plan.node(c1).depth, 1);
    QCOMPARE(plan.node(c2).childIds, QList<int>({c3}));
    QCOMPARE(plan.node(c3).id, c3);
}

void tst_Plan::actualsAreDetectedOnlyWhenReported()
{
    Plan plan;
    PlanNode n;
    n.estimatedRows = 10;
    plan.addNode(n, -1);
    QVERIFY(!plan.hasActuals());
    plan.nodes[0].actualTotalMs = 1.5;
    QVERIFY(plan.hasActuals());

    Plan never;
    PlanNode m;
    m.neverExecuted = true;
    never.addNode(m, -1);
    QVERIFY(never.hasActuals());
}

void tst_Plan::extraValueFindsKeptProperties()
{
    PlanNode n;
    n.extra.append(
        {QStringLiteral("Output"), QJsonArray({QStringLiteral("a"), QStringLiteral("b")})});
    n.extra.append({QStringLiteral("Strategy"), QStringLiteral("Hashed")});
    QCOMPARE(n.extraValue(QStringLiteral("Strategy")).toString(), QStringLiteral("Hashed"));
    QCOMPARE(n.extraValue(QStringLiteral("Output")).toArray().size(), 2);
    QVERIFY(n.extraValue(QStringLiteral("Missing")).isUndefined());
}

void tst_Plan::relationshipNamesRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<PlanNode::Relationship>("relationship");
    QTest::newRow("outer") << QStringLiteral("Outer") << PlanNode::Relationship::Outer;
    QTest::newRow("inner") << QStringLiteral("Inner") << PlanNode::Relationship::Inner;
    QTest::newRow("initplan") << QStringLiteral("InitPlan") << PlanNode::Relationship::InitPlan;
    QTest::newRow("subplan") << QStringLiteral("SubPlan") << PlanNode::Relationship::SubPlan;
    QTest::newRow("member") << QStringLiteral("Member") << PlanNode::Relationship::Member;
    QTest::newRow("subquery") << QStringLiteral("Subquery") << PlanNode::Relationship::Subquery;
    QTest::newRow("none") << QString() << PlanNode::Relationship::None;
}

void tst_Plan::relationshipNamesRoundTrip()
{
    QFETCH(QString, name);
    QFETCH(PlanNode::Relationship, relationship);
    QCOMPARE(PlanNode::relationshipFromName(name), relationship);
    QCOMPARE(PlanNode::relationshipName(relationship), name);
    QCOMPARE(PlanNode::relationshipFromName(QStringLiteral("Sideways")),
             PlanNode::Relationship::Other);
}

void tst_Plan::totalActualRowsMultipliesByLoops()
{
    PlanNode n;
    QVERIFY(!n.totalActualRows());
    n.actualRows = 3;
    n.actualLoops = 1000;
    QCOMPARE(*n.totalActualRows(), 3000.0);
}

QTEST_GUILESS_MAIN(tst_Plan)
#include "tst_plan.moc"
