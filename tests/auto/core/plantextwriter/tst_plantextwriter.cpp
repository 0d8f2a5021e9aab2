// SPDX-License-Identifier: GPL-3.0-or-later
#include "explain/plantextwriter.h"

#include <QTest>

using namespace Strata;

class tst_PlanTextWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeShowsEachNodesFigures_data();
    void treeShowsEachNodesFigures();
    void findingsFollowTheTree();
    void hostileNamesNeverBreakTheTree_data();
    void hostileNamesNeverBreakTheTree();
    void neverExecutedNodesSaySo();
    void modifyTableSaysWhatItDoes();
    void triggersAreListedWithTheirTime();
    void deepPlanIndentationStaysBounded();
};

namespace {

PlanNode node(const QString &type, const QString &relation = {}, const QString &index = {})
{
    PlanNode n;
    n.nodeType = type;
    n.relation = relation;
    n.index = index;
    return n;
}

Plan joinPlan(bool analyzed)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    PlanNode join = node(QStringLiteral("Hash Join"));
    join.estimatedRows = 100;
    join.totalCost = 250.5;
    PlanNode scan = node(QStringLiteral("Seq Scan"), QStringLiteral("orders"));
    scan.schema = QStringLiteral("public");
    scan.alias = QStringLiteral("o");
    scan.estimatedRows = 1000;
    scan.totalCost = 180;
    PlanNode hash = node(QStringLiteral("Hash"));
    hash.estimatedRows = 10;
    PlanNode lookup =
        node(QStringLiteral("Index Scan"), QStringLiteral("items"), QStringLiteral("items_pkey"));
    lookup.estimatedRows = 10;
    if (analyzed) {
        plan.planningMs = 0.25;
        plan.executionMs = 12.5;
        join.actualRows = 2000;
        join.actualLoops = 1;
        join.actualTotalMs = 12.0;
        scan.actualRows = 1000;
        scan.actualLoops = 1;
        scan.actualTotalMs = 5.0;
        hash.actualRows = 5;
        hash.actualLoops = 1;
        hash.actualTotalMs = 3.0;
        lookup.actualRows = 0.5;
        lookup.actualLoops = 10;
        lookup.actualTotalMs = 0.25;
    }
    plan.addNode(join, -1);
    plan.addNode(scan, 0);
    const int hashId = plan.addNode(hash, 0);
    plan.addNode(lookup, hashId);
    return plan;
}

QString text(const Plan &plan, const QList<PlanRule> &rules = {})
{
    return PlanTextWriter::toText(PlanDocument::analyze(plan, rules));
}

} // namespace

void tst_PlanTextWriter::treeShowsEachNodesFigures_data()
{
    QTest::addColumn<bool>("analyzed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("EXPLAIN ANALYZE")
        << true
        << QStringLiteral(
               "postgresql plan (json): 4 nodes, planning 0.250 ms, execution 12.500 ms\n"
               "\n"
               "#0 Hash Join  rows 100 → 2000 (×20.0 under)  loops 1  total 12.000 ms  self 4.000 "
               "ms\n"
               "  -> #1 Seq Scan on public.orders o  rows 1000 → 1000  loops 1  total 5.000 ms  "
               "self 5.000 ms\n"
               "  -> #2 Hash  rows 10 → 5 (×2.0 over)  loops 1  total 3.000 ms  self 0.500 ms\n"
               "     -> #3 Index Scan using items_pkey on items  rows 10 → 0.50 (×10.0 over)  "
               "loops 10  total 2.500 ms  self 2.500 ms\n"
               "\n"
               "No findings.\n");
    QTest::newRow("EXPLAIN without ANALYZE")
        << false
        << QStringLiteral(
               "postgresql plan (json): 4 nodes\n"
               "\n"
               "#0 Hash Join  rows 100 (estimated)  cost 250.50\n"
               "  -> #1 Seq Scan on public.orders o  rows 1000 (estimated)  cost 180.00\n"
               "  -> #2 Hash  rows 10 (estimated)\n"
               "     -> #3 Index Scan using items_pkey on items  rows 10 (estimated)\n"
               "\n"
               "No findings.\n");
}

void tst_PlanTextWriter::treeShowsEachNodesFigures()
{
    QFETCH(bool, analyzed);
    QFETCH(QString, expected);
    QCOMPARE(text(joinPlan(analyzed)), expected);
}

void tst_PlanTextWriter::findingsFollowTheTree()
{
    const PlanRule rule{QStringLiteral("big-scan"), QString(),
                        [](const Plan &, const PlanAnalysis &) {
                            return QList<PlanFinding>{
                                {1, QStringLiteral("big-scan"), PlanFinding::Severity::Critical,
                                 QStringLiteral("Seq Scan on orders reads every row.")},
                                {3, QStringLiteral("misestimate"), PlanFinding::Severity::Warning,
                                 QStringLiteral("Estimated 10 rows, got 0.5.")}};
                        }};
    const QString listing = text(joinPlan(true), {rule});
    QVERIFY2(
        listing.endsWith(QStringLiteral(
            "\nFindings (2):\n"
            "  critical  #1 Seq Scan on public.orders o: Seq Scan on orders reads every row.\n"
            "  warning   #3 Index Scan using items_pkey on items: Estimated 10 rows, got 0.5.\n")),
        qPrintable(listing));
}

void tst_PlanTextWriter::hostileNamesNeverBreakTheTree_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("shown");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("a\\nb");
    QTest::newRow("carriage return") << QStringLiteral("a\r\nb") << QStringLiteral("a\\r\\nb");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("a\\tb");
    QTest::newRow("escape sequence")
        << QStringLiteral("\x1b[31mred") << QStringLiteral("\\u{001b}[31mred");
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a\\u{2028}b");
    QTest::newRow("bidi override") << QStringLiteral("a\u202eb") << QStringLiteral("a\\u{202e}b");
    QTest::newRow("next line (C1)") << QStringLiteral("a\u0085b") << QStringLiteral("a\\u{0085}b");
    QTest::newRow("quotes") << QStringLiteral("a\"b") << QStringLiteral("a\"b");
    QTest::newRow("injection") << QStringLiteral("x'; DROP TABLE t; --")
                               << QStringLiteral("x'; DROP TABLE t; --");
    QTest::newRow("cyrillic with spaces")
        << QStringLiteral("моя таблица") << QStringLiteral("моя таблица");
}

void tst_PlanTextWriter::hostileNamesNeverBreakTheTree()
{
    QFETCH(QString, name);
    QFETCH(QString, shown);
    Plan plan = joinPlan(true);
    plan.nodes[1].relation = name;
    plan.nodes[1].schema = name;
    plan.nodes[3].index = name;
    plan.nodes[2].nodeType = name;
    const PlanRule rule{QStringLiteral("hostile"), QString(),
                        [name](const Plan &, const PlanAnalysis &) {
                            return QList<PlanFinding>{
                                {1, QStringLiteral("hostile"), PlanFinding::Severity::Info, name}};
                        }};
    const QString listing = text(plan, {rule});
    const QStringList lines = listing.split(u'\n');
    // Header, blank, 4 nodes, blank, findings title, 1 finding, and the final newline.
    QCOMPARE(lines.size(), 10);
    QCOMPARE(
        lines.at(3),
        QStringLiteral(
            "  -> #1 Seq Scan on %1.%1 o  rows 1000 → 1000  loops 1  total 5.000 ms  self 5.000 ms")
            .arg(shown));
    QVERIFY(lines.at(4).startsWith(QStringLiteral("  -> #2 %1  rows").arg(shown)));
    QVERIFY(lines.at(5).startsWith(
        QStringLiteral("     -> #3 Index Scan using %1 on items").arg(shown)));
    QVERIFY(lines.at(8).endsWith(QStringLiteral(": ") + shown));
}

void tst_PlanTextWriter::neverExecutedNodesSaySo()
{
    Plan plan = joinPlan(true);
    plan.nodes[3].neverExecuted = true;
    plan.nodes[3].actualRows = 0;
    plan.nodes[3].actualLoops = 0;
    plan.nodes[3].actualTotalMs = 0;
    const QStringList lines = text(plan).split(u'\n');
    QCOMPARE(lines.at(5),
             QStringLiteral(
                 "     -> #3 Index Scan using items_pkey on items  rows 10 → never executed"));
}

void tst_PlanTextWriter::modifyTableSaysWhatItDoes()
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("json");
    PlanNode modify = node(QStringLiteral("ModifyTable"), QStringLiteral("orders"));
    modify.extra.append({QStringLiteral("Operation"), QStringLiteral("Delete\n")});
    modify.estimatedRows = 0;
    plan.addNode(modify, -1);
    QCOMPARE(text(plan).split(u'\n').at(2),
             QStringLiteral("#0 ModifyTable (Delete\\n) on orders  rows 0 (estimated)"));
}

void tst_PlanTextWriter::triggersAreListedWithTheirTime()
{
    Plan plan = joinPlan(true);
    plan.triggers.append(
        {QStringLiteral("RI_ConstraintTrigger_a_1\nx"), QStringLiteral("orders"), 3800.5, 5000});
    plan.triggers.append({QStringLiteral("audit"), QString(), std::nullopt, std::nullopt});
    const QString listing = text(plan);
    QVERIFY2(listing.endsWith(QStringLiteral(
                 "\n\nTriggers (2):\n"
                 "  RI_ConstraintTrigger_a_1\\nx on orders  time 3800.500 ms  calls 5000\n"
                 "  audit\n"
                 "\nNo findings.\n")),
             qPrintable(listing));
}

void tst_PlanTextWriter::deepPlanIndentationStaysBounded()
{
    const int depth = 20000;
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    plan.sourceFormat = QStringLiteral("text");
    int parent = -1;
    for (int i = 0; i <= depth; ++i) {
        PlanNode n = node(QStringLiteral("Nested Loop"));
        n.estimatedRows = 1;
        parent = plan.addNode(n, parent);
    }
    const QStringList lines = text(plan).split(u'\n');
    QCOMPARE(lines.size(), depth + 1 + 5);
    qsizetype longest = 0;
    for (const QString &line : lines)
        longest = std::max(longest, line.size());
    QVERIFY2(longest < 3 * PlanTextWriter::MaxIndentDepth + 80,
             qPrintable(QString::number(longest)));
    QCOMPARE(lines.at(2 + depth),
             QString(2 + 3 * (PlanTextWriter::MaxIndentDepth - 1), u' ') +
                 QStringLiteral("-> [depth 20000] #20000 Nested Loop  rows 1 (estimated)"));
    QCOMPARE(lines.at(2 + PlanTextWriter::MaxIndentDepth),
             QString(2 + 3 * (PlanTextWriter::MaxIndentDepth - 1), u' ') +
                 QStringLiteral("-> #%1 Nested Loop  rows 1 (estimated)")
                     .arg(PlanTextWriter::MaxIndentDepth));
}

QTEST_GUILESS_MAIN(tst_PlanTextWriter)
#include "tst_plantextwriter.moc"
