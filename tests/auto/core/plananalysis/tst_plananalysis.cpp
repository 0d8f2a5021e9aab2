// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plananalysis.h"
#include "pgjsonplanparser.h"
#include "pgtextplanparser.h"
#include "plancorpus.h"

#include <QTest>

using namespace Strata;

class tst_PlanAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loopsMultiplyPerLoopTime();
    void parallelWorkersAreAveragedNotSummed();
    void cteTimeIsNotSubtractedTwice();
    void initPlanTimeIsTakenFromItsParent();
    void neverExecutedNodesTakeNoTime();
    void estimateFactorWorksBothWays_data();
    void estimateFactorWorksBothWays();
    void planWithoutAnalyzeHasCostsButNoTimes();
    void buffersAreSharedOutExclusively();

    void corpusExclusiveTimesAddUpToTheTotal_data();
    void corpusExclusiveTimesAddUpToTheTotal();
    void corpusTextPlansAddUpToo_data();
    void corpusTextPlansAddUpToo();
};

namespace {

PlanNode timed(const char *type, double totalMs, double loops = 1, double rows = 1)
{
    PlanNode n;
    n.nodeType = QString::fromLatin1(type);
    n.actualStartupMs = 0.0;
    n.actualTotalMs = totalMs;
    n.actualLoops = loops;
    n.actualRows = rows;
    n.estimatedRows = rows;
    return n;
}

// The root's time plus that of data-modifying CTEs no CTE Scan reads (they run afterwards).
double expectedTotal(const Plan &plan, const PlanAnalysis &a)
{
    double total = *a.metrics(0).inclusiveMs;
    for (const PlanNode &n : plan.nodes) {
        if (!n.subplanName.startsWith(QLatin1String("CTE ")))
            continue;
        bool read = false;
        for (const PlanNode &scan : plan.nodes)
            read = read || scan.cteName == n.subplanName.mid(4);
        if (!read)
            total += a.metrics(n.id).inclusiveMs.value_or(0);
    }
    return total;
}

double sumExclusive(const PlanAnalysis &a)
{
    double sum = 0;
    for (int i = 0; i < a.nodeCount(); ++i)
        sum += a.metrics(i).exclusiveMs.value_or(0);
    return sum;
}

} // namespace

void tst_PlanAnalysis::loopsMultiplyPerLoopTime()
{
    Plan plan;
    const int nl = plan.addNode(timed("Nested Loop", 10.0), -1);
    const int seq = plan.addNode(timed("Seq Scan", 1.0), nl);
    const int idx = plan.addNode(timed("Index Scan", 0.008, 1000), nl);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QCOMPARE(*a.metrics(idx).inclusiveMs, 8.0);
    QCOMPARE(*a.metrics(idx).exclusiveMs, 8.0);
    QCOMPARE(*a.metrics(seq).exclusiveMs, 1.0);
    QVERIFY(qAbs(*a.metrics(nl).exclusiveMs - 1.0) < 1e-9);
    QVERIFY(qAbs(*a.totalMs() - 10.0) < 1e-9);
    QCOMPARE(a.slowestNode(), idx);
    QVERIFY(qAbs(*a.metrics(idx).timeShare - 0.8) < 1e-9);
}

void tst_PlanAnalysis::parallelWorkersAreAveragedNotSummed()
{
    Plan plan;
    PlanNode gather = timed("Gather", 100.0);
    gather.workersPlanned = 2;
    gather.workersLaunched = 2;
    const int g = plan.addNode(gather, -1);
    // Per-loop average over 3 processes (2 workers + the leader), which ran side by side.
    const int scan = plan.addNode(timed("Parallel Seq Scan", 90.0, 3), g);
    // 3,000 inner loops spread over the same 3 processes: 1,000 × 0.01 ms each.
    const int inner = plan.addNode(timed("Index Scan", 0.01, 3000), scan);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QCOMPARE(a.metrics(g).processes, 1);
    QCOMPARE(a.metrics(scan).processes, 3);
    QCOMPARE(a.metrics(inner).processes, 3);
    QCOMPARE(*a.metrics(scan).inclusiveMs, 90.0);
    QVERIFY(qAbs(*a.metrics(inner).inclusiveMs - 10.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(scan).exclusiveMs - 80.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(g).exclusiveMs - 10.0) < 1e-9);
    QVERIFY(qAbs(sumExclusive(a) - 100.0) < 1e-9);
}

void tst_PlanAnalysis::cteTimeIsNotSubtractedTwice()
{
    // Hash Join under a Result, the CTE hanging under the Result as an InitPlan and read by
    // a CTE Scan under the join: its 20 ms are inside the CTE Scan's 30 ms.
    Plan plan;
    const int top = plan.addNode(timed("Result", 50.0), -1);
    PlanNode cte = timed("Seq Scan", 20.0);
    cte.relationship = PlanNode::Relationship::InitPlan;
    cte.subplanName = QStringLiteral("CTE x");
    const int cteId = plan.addNode(cte, top);
    const int join = plan.addNode(timed("Hash Join", 45.0), top);
    PlanNode scan = timed("CTE Scan", 30.0);
    scan.cteName = QStringLiteral("x");
    const int scanId = plan.addNode(scan, join);
    const int hash = plan.addNode(timed("Hash", 10.0), join);
    const int seq = plan.addNode(timed("Seq Scan", 9.0), hash);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QVERIFY(qAbs(*a.metrics(top).exclusiveMs - 5.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(cteId).exclusiveMs - 20.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(join).exclusiveMs - 5.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(scanId).exclusiveMs - 10.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(hash).exclusiveMs - 1.0) < 1e-9);
    QVERIFY(qAbs(*a.metrics(seq).exclusiveMs - 9.0) < 1e-9);
    QVERIFY(qAbs(sumExclusive(a) - 50.0) < 1e-9);
}

void tst_PlanAnalysis::initPlanTimeIsTakenFromItsParent()
{
    Plan plan;
    const int result = plan.addNode(timed("Result", 5.0), -1);
    PlanNode init = timed("Seq Scan", 3.0);
    init.relationship = PlanNode::Relationship::InitPlan;
    init.subplanName = QStringLiteral("InitPlan 1 (returns $0)");
    const int initId = plan.addNode(init, result);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QVERIFY(qAbs(*a.metrics(result).exclusiveMs - 2.0) < 1e-9);
    QCOMPARE(*a.metrics(initId).exclusiveMs, 3.0);
}

void tst_PlanAnalysis::neverExecutedNodesTakeNoTime()
{
    Plan plan;
    const int root = plan.addNode(timed("Append", 4.0), -1);
    PlanNode never;
    never.nodeType = QStringLiteral("Seq Scan");
    never.actualLoops = 0;
    never.neverExecuted = true;
    const int n = plan.addNode(never, root);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QCOMPARE(*a.metrics(n).inclusiveMs, 0.0);
    QCOMPARE(*a.metrics(root).exclusiveMs, 4.0);
    QVERIFY(!a.metrics(n).estimateFactor);
}

void tst_PlanAnalysis::estimateFactorWorksBothWays_data()
{
    QTest::addColumn<double>("actual");
    QTest::addColumn<double>("estimated");
    QTest::addColumn<double>("factor");
    QTest::addColumn<PlanAnalysis::EstimateDirection>("direction");
    QTest::newRow("under") << 1000.0 << 10.0 << 100.0 << PlanAnalysis::EstimateDirection::Under;
    QTest::newRow("over") << 10.0 << 1000.0 << 100.0 << PlanAnalysis::EstimateDirection::Over;
    QTest::newRow("exact") << 42.0 << 42.0 << 1.0 << PlanAnalysis::EstimateDirection::None;
    QTest::newRow("no rows came") << 0.0 << 50.0 << 50.0 << PlanAnalysis::EstimateDirection::Over;
    QTest::newRow("fractional average")
        << 0.5 << 1.0 << 1.0 << PlanAnalysis::EstimateDirection::None;
}

void tst_PlanAnalysis::estimateFactorWorksBothWays()
{
    QFETCH(double, actual);
    QFETCH(double, estimated);
    QFETCH(double, factor);
    QFETCH(PlanAnalysis::EstimateDirection, direction);
    Plan plan;
    PlanNode n = timed("Seq Scan", 1.0);
    n.actualRows = actual;
    n.estimatedRows = estimated;
    plan.addNode(n, -1);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QCOMPARE(*a.metrics(0).estimateFactor, factor);
    QCOMPARE(a.metrics(0).estimateDirection, direction);
}

void tst_PlanAnalysis::planWithoutAnalyzeHasCostsButNoTimes()
{
    Plan plan;
    PlanNode root;
    root.nodeType = QStringLiteral("Hash Join");
    root.totalCost = 100.0;
    root.estimatedRows = 10;
    const int r = plan.addNode(root, -1);
    PlanNode child;
    child.nodeType = QStringLiteral("Seq Scan");
    child.totalCost = 60.0;
    const int c = plan.addNode(child, r);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QVERIFY(!a.totalMs());
    QVERIFY(!a.metrics(r).exclusiveMs);
    QVERIFY(!a.metrics(r).timeShare);
    QVERIFY(!a.metrics(r).estimateFactor);
    QCOMPARE(*a.metrics(r).exclusiveCost, 40.0);
    QCOMPARE(*a.metrics(c).exclusiveCost, 60.0);
    QCOMPARE(a.slowestNode(), -1);
}

void tst_PlanAnalysis::buffersAreSharedOutExclusively()
{
    Plan plan;
    PlanNode root = timed("Sort", 2.0);
    root.shared.hit = 100;
    root.temp.written = 20;
    const int r = plan.addNode(root, -1);
    PlanNode child = timed("Seq Scan", 1.0);
    child.shared.hit = 60;
    child.shared.read = 20;
    const int c = plan.addNode(child, r);
    const PlanAnalysis a = PlanAnalysis::analyze(plan);
    QCOMPARE(*a.metrics(r).inclusiveBlocks, qint64(120));
    QCOMPARE(*a.metrics(r).exclusiveBlocks, qint64(40));
    QCOMPARE(*a.metrics(c).exclusiveBlocks, qint64(80));
    QCOMPARE(*a.totalBlocks(), qint64(120));
    QVERIFY(qAbs(*a.metrics(c).bufferShare - 80.0 / 120.0) < 1e-9);
}

void tst_PlanAnalysis::corpusExclusiveTimesAddUpToTheTotal_data()
{
    if (!Test::addCorpusRows(
            Test::explainCorpusFiles(QStringLiteral("postgresql-json"), QStringLiteral(".json"))))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
}

void tst_PlanAnalysis::corpusExclusiveTimesAddUpToTheTotal()
{
    QFETCH(QString, path);
    const Result<Plan> plan =
        Postgres::Internal::PgJsonPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const PlanAnalysis a = PlanAnalysis::analyze(*plan);
    QCOMPARE(a.nodeCount(), plan->nodeCount());
    if (!plan->root().actualTotalMs)
        QSKIP("a plan without timing");
    const double rootMs = expectedTotal(*plan, a);
    const double sum = sumExclusive(a);
    // Rounding: PostgreSQL prints 3 decimals per node, so allow a few microseconds a node
    // plus 1% for the clamping of small negative remainders.
    const double tolerance = 0.005 * plan->nodeCount() + 0.01 * rootMs;
    QVERIFY2(qAbs(sum - rootMs) <= tolerance,
             qPrintable(QStringLiteral("sum of exclusive %1 ms, root %2 ms").arg(sum).arg(rootMs)));
    if (plan->executionMs) {
        // The execution time adds the executor start/end and triggers to the root's time.
        QVERIFY2(
            sum <= *plan->executionMs * 1.01 + 0.05,
            qPrintable(
                QStringLiteral("sum %1 ms > execution %2 ms").arg(sum).arg(*plan->executionMs)));
        double triggers = 0;
        for (const Plan::Trigger &t : plan->triggers)
            triggers += t.timeMs.value_or(0);
        QVERIFY2(
            sum + triggers >= *plan->executionMs * 0.85 - 0.5,
            qPrintable(
                QStringLiteral("sum %1 ms ≪ execution %2 ms").arg(sum).arg(*plan->executionMs)));
    }
    for (int i = 0; i < a.nodeCount(); ++i) {
        if (a.metrics(i).exclusiveMs)
            QVERIFY(*a.metrics(i).exclusiveMs >= 0);
        if (a.metrics(i).timeShare)
            QVERIFY(*a.metrics(i).timeShare <= 1.0 + 1e-9);
    }
}

void tst_PlanAnalysis::corpusTextPlansAddUpToo_data()
{
    QStringList files = Test::explainCorpusFiles(QStringLiteral("postgresql-text/pev2_samples"),
                                                 QStringLiteral(".txt"));
    files += Test::explainCorpusFiles(QStringLiteral("postgresql-text/pev2_from_text"),
                                      QStringLiteral("-plan"));
    if (!Test::addCorpusRows(files))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
}

void tst_PlanAnalysis::corpusTextPlansAddUpToo()
{
    QFETCH(QString, path);
    const Result<Plan> plan =
        Postgres::Internal::PgTextPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const PlanAnalysis a = PlanAnalysis::analyze(*plan);
    if (!a.metrics(0).inclusiveMs)
        QSKIP("a plan without timing at the root");
    const double rootMs = expectedTotal(*plan, a);
    const double sum = sumExclusive(a);
    const double tolerance = 0.005 * plan->nodeCount() + 0.02 * rootMs;
    QVERIFY2(qAbs(sum - rootMs) <= tolerance,
             qPrintable(QStringLiteral("sum of exclusive %1 ms, root %2 ms").arg(sum).arg(rootMs)));
}

QTEST_GUILESS_MAIN(tst_PlanAnalysis)
#include "tst_plananalysis.moc"
