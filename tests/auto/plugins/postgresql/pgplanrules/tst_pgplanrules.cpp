// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/planfindings.h"
#include "pgjsonplanparser.h"
#include "pgplanrules.h"
#include "plancorpus.h"

#include <QTest>

using namespace Strata;
using Strata::Postgres::Internal::PgPlanRules;

class tst_PgPlanRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesFireOnlyWhenTheyShould_data();
    void rulesFireOnlyWhenTheyShould();
    void seqScanAdviceNamesTheFilteredColumns();
    void spillAdviceGivesSizeAndWorkMem();
    void findingsComeMostSevereFirst();
    void misestimateIsReportedWhereItStarts();
    void rulesOfAnotherEngineDoNotRun();
    void hostileNamesStayPlainText();
    void filterColumnsAreFound_data();
    void filterColumnsAreFound();
    void corpusPlansGiveSaneFindings_data();
    void corpusPlansGiveSaneFindings();
};

namespace {

Plan onePlan(const QList<PlanNode> &nodes, const QList<int> &parents)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    for (int i = 0; i < nodes.size(); ++i)
        plan.addNode(nodes.at(i), parents.at(i));
    return plan;
}

PlanNode node(const char *type, double rows, double estimated, double loops = 1, double ms = 1)
{
    PlanNode n;
    n.nodeType = QString::fromLatin1(type);
    n.actualRows = rows;
    n.estimatedRows = estimated;
    n.actualLoops = loops;
    n.actualStartupMs = 0.0;
    n.actualTotalMs = ms;
    return n;
}

QStringList kinds(const Plan &plan)
{
    QStringList out;
    for (const PlanFinding &f :
         PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules()))
        out.append(f.kind);
    return out;
}

} // namespace

void tst_PgPlanRules::rulesFireOnlyWhenTheyShould_data()
{
    QTest::addColumn<Plan>("plan");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("expected");

    PlanNode seq = node("Seq Scan", 10, 10);
    seq.relation = QStringLiteral("orders");
    seq.filter = QStringLiteral("((status)::text = 'shipped'::text)");
    seq.rowsRemovedByFilter = 99990;
    QTest::newRow("seq scan discarding most rows")
        << onePlan({seq}, {-1}) << "seq-scan-filter" << true;
    seq.rowsRemovedByFilter = 5;
    QTest::newRow("seq scan keeping most rows")
        << onePlan({seq}, {-1}) << "seq-scan-filter" << false;

    PlanNode sort = node("Sort", 100, 100);
    sort.sortMethod = QStringLiteral("external merge");
    sort.sortSpaceType = QStringLiteral("Disk");
    sort.sortSpaceUsedKb = 120000;
    QTest::newRow("sort on disk") << onePlan({sort}, {-1}) << "sort-spill" << true;
    sort.sortMethod = QStringLiteral("quicksort");
    sort.sortSpaceType = QStringLiteral("Memory");
    QTest::newRow("sort in memory") << onePlan({sort}, {-1}) << "sort-spill" << false;

    PlanNode hash = node("Hash", 100, 100);
    hash.hashBatches = 8;
    hash.originalHashBatches = 1;
    hash.peakMemoryKb = 4096;
    QTest::newRow("hash in batches") << onePlan({hash}, {-1}) << "hash-spill" << true;
    hash.hashBatches = 1;
    QTest::newRow("hash in one batch") << onePlan({hash}, {-1}) << "hash-spill" << false;
    PlanNode agg = node("Aggregate", 100, 100);
    agg.extra.append({QStringLiteral("HashAgg Batches"), 5});
    agg.extra.append({QStringLiteral("Disk Usage"), 20480});
    QTest::newRow("hash aggregate spilling") << onePlan({agg}, {-1}) << "hash-spill" << true;

    QTest::newRow("10x under-estimate")
        << onePlan({node("Seq Scan", 5000, 50)}, {-1}) << "row-misestimate" << true;
    QTest::newRow("10x over-estimate")
        << onePlan({node("Seq Scan", 50, 5000)}, {-1}) << "row-misestimate" << true;
    QTest::newRow("3x off") << onePlan({node("Seq Scan", 150, 50)}, {-1}) << "row-misestimate"
                            << false;
    QTest::newRow("tiny numbers") << onePlan({node("Seq Scan", 1, 20)}, {-1}) << "row-misestimate"
                                  << false;

    PlanNode nl = node("Nested Loop", 100, 100);
    QTest::newRow("nested loop 50k inner loops")
        << onePlan({nl, node("Seq Scan", 50000, 50000), node("Index Scan", 1, 1, 50000, 0.001)},
                   {-1, 0, 0})
        << "nested-loop-many" << true;
    QTest::newRow("nested loop 100 inner loops")
        << onePlan({nl, node("Seq Scan", 100, 100), node("Index Scan", 1, 1, 100, 0.001)},
                   {-1, 0, 0})
        << "nested-loop-many" << false;

    PlanNode bitmap = node("Bitmap Heap Scan", 100, 100);
    bitmap.rowsRemovedByIndexRecheck = 50000;
    bitmap.extra.append({QStringLiteral("Lossy Heap Blocks"), 900});
    QTest::newRow("lossy recheck") << onePlan({bitmap}, {-1}) << "index-recheck" << true;
    bitmap.rowsRemovedByIndexRecheck = 10;
    QTest::newRow("light recheck") << onePlan({bitmap}, {-1}) << "index-recheck" << false;

    PlanNode ios = node("Index Only Scan", 10000, 10000);
    ios.heapFetches = 9000;
    QTest::newRow("index only scan fetching heap")
        << onePlan({ios}, {-1}) << "heap-fetches" << true;
    ios.heapFetches = 0;
    QTest::newRow("index only scan") << onePlan({ios}, {-1}) << "heap-fetches" << false;

    PlanNode gather = node("Gather", 100, 100);
    gather.workersPlanned = 4;
    gather.workersLaunched = 1;
    QTest::newRow("workers missing") << onePlan({gather}, {-1}) << "workers-not-launched" << true;
    gather.workersLaunched = 4;
    QTest::newRow("workers all there")
        << onePlan({gather}, {-1}) << "workers-not-launched" << false;
    gather.workersLaunched.reset(); // no ANALYZE: nothing launched yet, nothing to say
    QTest::newRow("workers without analyze")
        << onePlan({gather}, {-1}) << "workers-not-launched" << false;
}

void tst_PgPlanRules::rulesFireOnlyWhenTheyShould()
{
    QFETCH(Plan, plan);
    QFETCH(QString, kind);
    QFETCH(bool, expected);
    QCOMPARE(kinds(plan).contains(kind), expected);
}

void tst_PgPlanRules::seqScanAdviceNamesTheFilteredColumns()
{
    PlanNode seq = node("Seq Scan", 10, 10, 1, 80);
    seq.relation = QStringLiteral("orders");
    seq.alias = QStringLiteral("o");
    seq.filter = QStringLiteral(
        "(((o.status)::text = 'shipped'::text) AND (o.created_at > '2020-01-01'::date))");
    seq.rowsRemovedByFilter = 99990;
    const Plan plan = onePlan({seq}, {-1});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules());
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().nodeId, 0);
    QCOMPARE(findings.first().severity, PlanFinding::Severity::Critical); // all of the time
    QCOMPARE(findings.first().message,
             QStringLiteral(
                 "Seq Scan on orders o reads 100,000 rows and its filter discards 99,990 of them "
                 "(99.9%); "
                 "an index on (status, created_at) would let it read only the rows it keeps."));
}

void tst_PgPlanRules::spillAdviceGivesSizeAndWorkMem()
{
    PlanNode sort = node("Sort", 100, 100);
    sort.sortMethod = QStringLiteral("external merge");
    sort.sortSpaceType = QStringLiteral("Disk");
    sort.sortSpaceUsedKb = 120000;
    const Plan plan = onePlan({sort}, {-1});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules());
    QCOMPARE(findings.size(), 1);
    QCOMPARE(
        findings.first().message,
        QStringLiteral(
            "Sort spilled 117 MB to disk (external merge); a work_mem of about 256MB would let it "
            "sort in memory."));
}

void tst_PgPlanRules::misestimateIsReportedWhereItStarts()
{
    PlanNode scan = node("Seq Scan", 5000, 50);
    scan.relation = QStringLiteral("orders");
    // The Hash inherits the scan's error; the Sort under a Limit is cut short on purpose.
    const Plan plan =
        onePlan({node("Limit", 10, 10), node("Sort", 10, 5000), node("Hash", 5000, 50), scan},
                {-1, 0, 1, 2});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules());
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().nodeId, 3);
    QCOMPARE(
        findings.first().message,
        QStringLiteral(
            "Seq Scan on orders expected 50 rows but got 5,000 rows (100× more); run ANALYZE on "
            "orders, or create extended statistics if the filtered columns are correlated."));
}

void tst_PgPlanRules::findingsComeMostSevereFirst()
{
    PlanNode gather = node("Gather", 100, 100);
    gather.workersPlanned = 2;
    gather.workersLaunched = 0;
    PlanNode sort = node("Sort", 100, 100);
    sort.sortSpaceType = QStringLiteral("Disk");
    sort.sortSpaceUsedKb = 2048;
    const Plan plan = onePlan({sort, gather}, {-1, 0});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules());
    QCOMPARE(findings.size(), 2);
    QCOMPARE(findings.at(0).kind, QStringLiteral("workers-not-launched"));
    QCOMPARE(findings.at(0).severity, PlanFinding::Severity::Critical);
    QCOMPARE(findings.at(1).kind, QStringLiteral("sort-spill"));
    QCOMPARE(PlanFinding::severityName(findings.at(1).severity), QStringLiteral("warning"));
}

void tst_PgPlanRules::rulesOfAnotherEngineDoNotRun()
{
    Plan plan = onePlan({node("Seq Scan", 5000, 50)}, {-1});
    plan.engine = QStringLiteral("sqlite");
    QVERIFY(kinds(plan).isEmpty());
    // An engine's own rules plug in beside the built-in ones.
    QList<PlanRule> rules = PgPlanRules::rules();
    rules.append({QStringLiteral("scan-without-index"), QStringLiteral("sqlite"),
                  [](const Plan &p, const PlanAnalysis &) {
                      return QList<PlanFinding>{{p.root().id, QStringLiteral("scan-without-index"),
                                                 PlanFinding::Severity::Info,
                                                 QStringLiteral("SCAN t.")}};
                  }});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), rules);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().kind, QStringLiteral("scan-without-index"));
}

void tst_PgPlanRules::hostileNamesStayPlainText()
{
    PlanNode seq = node("Seq Scan", 10, 10);
    seq.relation = QStringLiteral("x'; DROP TABLE t; --");
    seq.filter = QStringLiteral("(\"a\"\"b\" = 1)");
    seq.rowsRemovedByFilter = 99990;
    const Plan plan = onePlan({seq}, {-1});
    const QList<PlanFinding> findings =
        PlanFindings::find(plan, PlanAnalysis::analyze(plan), PgPlanRules::rules());
    QCOMPARE(findings.size(), 1);
    QVERIFY(findings.first().message.contains(QStringLiteral("Seq Scan on x'; DROP TABLE t; --")));
    QVERIFY(findings.first().message.contains(QStringLiteral("index on (a\"b)")));
}

void tst_PgPlanRules::filterColumnsAreFound_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("cast text") << "((status)::text = 'shipped'::text)" << QStringList{"status"};
    QTest::newRow("qualified") << "(o.customer_id = 42)" << QStringList{"customer_id"};
    QTest::newRow("two columns") << "((a > 1) AND (b < 2))" << QStringList{"a", "b"};
    QTest::newRow("quoted") << "(\"Order Date\" >= '2020-01-01'::date)"
                            << QStringList{"Order Date"};
    QTest::newRow("like") << "((name)::text ~~ 'abc%'::text)" << QStringList{"name"};
    QTest::newRow("is null") << "(deleted_at IS NULL)" << QStringList{"deleted_at"};
    QTest::newRow("function argument")
        << "(lower((email)::text) = 'x'::text)" << QStringList{"email"};
    QTest::newRow("name in literal") << "(note = 'a = b')" << QStringList{"note"};
    QTest::newRow("duplicates") << "((a = 1) OR (a = 2))" << QStringList{"a"};
    QTest::newRow("cyrillic quoted") << "(\"таблица\" = 1)" << QStringList{"таблица"};
}

void tst_PgPlanRules::filterColumnsAreFound()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, columns);
    QCOMPARE(PgPlanRules::filterColumns(filter), columns);
}

void tst_PgPlanRules::corpusPlansGiveSaneFindings_data()
{
    if (!Test::addCorpusRows(
            Test::explainCorpusFiles(QStringLiteral("postgresql-json"), QStringLiteral(".json"))))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
}

void tst_PgPlanRules::corpusPlansGiveSaneFindings()
{
    QFETCH(QString, path);
    const Result<Plan> plan =
        Postgres::Internal::PgJsonPlanParser::parse(Test::readCorpusFile(path));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const QList<PlanFinding> findings =
        PlanFindings::find(*plan, PlanAnalysis::analyze(*plan), PgPlanRules::rules());
    for (const PlanFinding &f : findings) {
        QVERIFY(f.nodeId >= 0 && f.nodeId < plan->nodeCount());
        QVERIFY(!f.kind.isEmpty());
        QVERIFY2(f.message.endsWith(u'.'), qPrintable(f.message));
        QVERIFY2(!f.message.contains(u'\n'), qPrintable(f.message));
        for (const char *markup : {"<b>", "<br", "<p>", "&amp;", "&lt;", "&nbsp;"})
            QVERIFY2(!f.message.contains(QLatin1String(markup)), qPrintable(f.message));
    }
    // pev2/07 sorts 10 million rows on disk: the one plan in the corpus that must say so.
    if (path.endsWith(QLatin1String("07_actual_duration_parallel_spec.json"))) {
        bool spill = false;
        for (const PlanFinding &f : findings)
            spill = spill || f.kind == QLatin1String("sort-spill");
        QVERIFY(spill);
    }
}

QTEST_GUILESS_MAIN(tst_PgPlanRules)
#include "tst_pgplanrules.moc"
