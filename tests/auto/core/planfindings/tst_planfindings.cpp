// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planfindings.h"

#include <QTest>

using namespace Strata;

class tst_PlanFindings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyRulesOfThePlansEngineRun_data();
    void onlyRulesOfThePlansEngineRun();
    void mostSevereFirstThenSlowestNode();
    void analysisOfAnotherPlanGivesNothing();
};

namespace {

// A rule that flags every node whose type is type, with the given severity.
PlanRule flagging(const QString &engine, const QString &type, PlanFinding::Severity severity)
{
    return {QStringLiteral("flag-") + type, engine,
            [type, severity](const Plan &plan, const PlanAnalysis &) {
                QList<PlanFinding> out;
                for (const PlanNode &n : plan.nodes) {
                    if (n.nodeType == type)
                        out.append({n.id, QStringLiteral("flag-") + type, severity,
                                    type + QStringLiteral(" here.")});
                }
                return out;
            }};
}

Plan threeNodes(const QString &engine)
{
    Plan plan;
    plan.engine = engine;
    PlanNode root;
    root.nodeType = QStringLiteral("Sort");
    root.actualTotalMs = 10.0;
    root.actualLoops = 1;
    plan.addNode(root, -1);
    PlanNode fast;
    fast.nodeType = QStringLiteral("Scan");
    fast.actualTotalMs = 1.0;
    fast.actualLoops = 1;
    plan.addNode(fast, 0);
    PlanNode slow = fast;
    slow.actualTotalMs = 6.0;
    plan.addNode(slow, 0);
    return plan;
}

} // namespace

void tst_PlanFindings::onlyRulesOfThePlansEngineRun_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QStringList>("kinds");
    QTest::newRow("postgresql") << "postgresql"
                                << QStringList{"flag-Sort", "flag-Scan", "flag-Scan"};
    QTest::newRow("sqlite") << "sqlite" << QStringList{"flag-Sort"};
}

void tst_PlanFindings::onlyRulesOfThePlansEngineRun()
{
    QFETCH(QString, engine);
    QFETCH(QStringList, kinds);
    const Plan plan = threeNodes(engine);
    const QList<PlanRule> rules{
        flagging(QStringLiteral("postgresql"), QStringLiteral("Scan"), PlanFinding::Severity::Info),
        flagging(QString(), QStringLiteral("Sort"), PlanFinding::Severity::Warning)};
    QStringList found;
    for (const PlanFinding &f : PlanFindings::find(plan, PlanAnalysis::analyze(plan), rules))
        found.append(f.kind);
    QCOMPARE(found, kinds);
}

void tst_PlanFindings::mostSevereFirstThenSlowestNode()
{
    const Plan plan = threeNodes(QStringLiteral("postgresql"));
    const QList<PlanRule> rules{
        flagging(QString(), QStringLiteral("Scan"), PlanFinding::Severity::Warning),
        flagging(QString(), QStringLiteral("Sort"), PlanFinding::Severity::Critical)};
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), rules);
    QCOMPARE(findings.size(), 3);
    QCOMPARE(findings.at(0).nodeId, 0); // critical
    QCOMPARE(findings.at(1).nodeId, 2); // 6 ms
    QCOMPARE(findings.at(2).nodeId, 1); // 1 ms
    QCOMPARE(PlanFinding::severityName(findings.at(0).severity), QStringLiteral("critical"));
}

void tst_PlanFindings::analysisOfAnotherPlanGivesNothing()
{
    const Plan plan = threeNodes(QStringLiteral("postgresql"));
    const QList<PlanRule> rules{
        flagging(QString(), QStringLiteral("Scan"), PlanFinding::Severity::Info)};
    QVERIFY(PlanFindings::find(plan, PlanAnalysis(), rules).isEmpty());
}

QTEST_GUILESS_MAIN(tst_PlanFindings)
#include "tst_planfindings.moc"
