// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgplankeys.h"
#include "pgtextplanparser.h"
#include "plancorpus.h"

#include <QTest>

using namespace Strata;
using namespace Strata::Postgres::Internal;

class tst_PgTextPlanParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTreeAndFigures();
    void readsWorkersLoopsAndNeverExecuted();
    void readsSubplansAndCtes();
    void readsBuffersTimingsAndSections();
    void acceptsPastedForms_data();
    void acceptsPastedForms();
    void joinsLinesTheTerminalWrapped();
    void keepsHostileNamesVerbatim();
    void rejectsWhatIsNotAPlan_data();
    void rejectsWhatIsNotAPlan();

    void corpusMatchesPev2Expectations_data();
    void corpusMatchesPev2Expectations();
    void corpusSamplesParse_data();
    void corpusSamplesParse();
};

namespace {

const char simple[] =
    "Hash Join  (cost=1.09..2.20 rows=10 width=8) (actual time=0.050..0.080 rows=9 loops=1)\n"
    "  Hash Cond: (a.id = b.a_id)\n"
    "  ->  Seq Scan on public.a x  (cost=0.00..1.10 rows=10 width=4) (actual time=0.005..0.007 "
    "rows=10 loops=1)\n"
    "        Filter: (x.v > 1)\n"
    "        Rows Removed by Filter: 3\n"
    "  ->  Hash  (cost=1.04..1.04 rows=4 width=4) (actual time=0.010..0.010 rows=4 loops=1)\n"
    "        Buckets: 1024  Batches: 1  Memory Usage: 9kB\n"
    "        ->  Index Only Scan Backward using b_pkey on b  (cost=0.15..1.04 rows=4 width=4) "
    "(actual time=0.004..0.006 rows=4 loops=1)\n"
    "              Heap Fetches: 2\n"
    "Planning Time: 0.123 ms\n"
    "Execution Time: 0.150 ms\n";

QString psqlAligned(const QString &plan)
{
    QString out =
        QStringLiteral("                QUERY PLAN\n------------------------------------------\n");
    for (const QString &line : plan.split(u'\n', Qt::SkipEmptyParts))
        out += u' ' + line + u'\n';
    return out + QStringLiteral("(11 rows)\n");
}

QString framed(const QString &plan)
{
    QString out = QStringLiteral("┌────────────┐\n│ QUERY PLAN │\n├────────────┤\n");
    for (const QString &line : plan.split(u'\n', Qt::SkipEmptyParts))
        out += QStringLiteral("│ ") + line.leftJustified(150) + QStringLiteral(" │\n");
    return out + QStringLiteral("└────────────┘\n(11 rows)\n");
}

// PEV2's expectations name a few things differently from EXPLAIN's JSON format.
QString pev2NodeType(QString type)
{
    if (type == QLatin1String("Nested Loop Join"))
        return QStringLiteral("Nested Loop");
    if (type.endsWith(QLatin1String("Aggregate")))
        return QStringLiteral("Aggregate");
    if (type == QLatin1String("Merge") || type == QLatin1String("Insert") ||
        type == QLatin1String("Update") || type == QLatin1String("Delete"))
        return QStringLiteral("ModifyTable");
    return type;
}

QString unquoted(QString name)
{
    return name.remove(u'"');
}

bool sameValue(const QJsonValue &expected, const QJsonValue &ours)
{
    if (expected.isDouble() || (expected.isString() && ours.isDouble())) {
        bool ok = true;
        const double e =
            expected.isDouble() ? expected.toDouble() : expected.toString().toDouble(&ok);
        return ok && ours.isDouble() && qAbs(e - ours.toDouble()) < 1e-6;
    }
    return expected == ours;
}

QString compareNode(const Plan &plan, int id, const QJsonObject &expected, const QString &path)
{
    const PlanNode &node = plan.node(id);
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const QString &key = it.key();
        const QJsonValue &want = it.value();
        QJsonValue ours = PgPlanKeys::value(node, key);
        bool same = false;
        if (key == QLatin1String("Plans")) {
            continue;
        } else if (key == QLatin1String("Node Type")) {
            same = pev2NodeType(want.toString()) == node.nodeType;
        } else if (key == QLatin1String("Relation Name")) {
            const QString qualified =
                node.schema.isEmpty() ? node.relation : node.schema + u'.' + node.relation;
            same = unquoted(want.toString()) == qualified ||
                   unquoted(want.toString()) == node.relation;
        } else if (key == QLatin1String("Index Name")) {
            same = unquoted(want.toString()) == node.index;
        } else {
            same = sameValue(want, ours);
        }
        if (!same)
            return QStringLiteral("%1 \"%2\": expected %3, got %4")
                .arg(path, key,
                     QString::fromUtf8(
                         QJsonDocument(QJsonArray{want}).toJson(QJsonDocument::Compact)),
                     QString::fromUtf8(
                         QJsonDocument(QJsonArray{ours}).toJson(QJsonDocument::Compact)));
    }
    const QJsonArray children = expected.value(QLatin1String("Plans")).toArray();
    if (children.size() > node.childIds.size())
        return QStringLiteral("%1: expected %2 children, got %3")
            .arg(path)
            .arg(children.size())
            .arg(node.childIds.size());
    for (qsizetype i = 0; i < children.size(); ++i) {
        const QString failure = compareNode(plan, node.childIds.at(i), children.at(i).toObject(),
                                            path + QStringLiteral("/%1").arg(i));
        if (!failure.isEmpty())
            return failure;
    }
    return QString();
}

} // namespace

void tst_PgTextPlanParser::readsTreeAndFigures()
{
    const Result<Plan> plan = PgTextPlanParser::parse(QString::fromUtf8(simple));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->sourceFormat, QStringLiteral("text"));
    QCOMPARE(plan->nodeCount(), 4);
    const PlanNode &root = plan->root();
    QCOMPARE(root.nodeType, QStringLiteral("Hash Join"));
    QCOMPARE(root.joinType, QStringLiteral("Inner"));
    QCOMPARE(root.hashCond, QStringLiteral("(a.id = b.a_id)"));
    QCOMPARE(*root.totalCost, 2.20);
    QCOMPARE(*root.actualTotalMs, 0.080);
    QCOMPARE(root.childIds, QList<int>({1, 2}));
    const PlanNode &scan = plan->node(1);
    QCOMPARE(scan.schema, QStringLiteral("public"));
    QCOMPARE(scan.relation, QStringLiteral("a"));
    QCOMPARE(scan.alias, QStringLiteral("x"));
    QCOMPARE(scan.filter, QStringLiteral("(x.v > 1)"));
    QCOMPARE(*scan.rowsRemovedByFilter, 3.0);
    const PlanNode &hash = plan->node(2);
    QCOMPARE(*hash.hashBuckets, qint64(1024));
    QCOMPARE(*hash.hashBatches, qint64(1));
    QCOMPARE(*hash.peakMemoryKb, qint64(9));
    const PlanNode &ios = plan->node(3);
    QCOMPARE(ios.parentId, 2);
    QCOMPARE(ios.nodeType, QStringLiteral("Index Only Scan"));
    QCOMPARE(ios.index, QStringLiteral("b_pkey"));
    QCOMPARE(ios.extraValue(QStringLiteral("Scan Direction")).toString(),
             QStringLiteral("Backward"));
    QCOMPARE(*ios.heapFetches, 2.0);
    QCOMPARE(*plan->planningMs, 0.123);
    QCOMPARE(*plan->executionMs, 0.150);
}

void tst_PgTextPlanParser::readsWorkersLoopsAndNeverExecuted()
{
    const QString text = QStringLiteral(
        "Gather  (cost=1000.00..2000.00 rows=100 width=4) (actual time=1.0..50.0 rows=90 loops=1)\n"
        "  Workers Planned: 2\n"
        "  Workers Launched: 1\n"
        "  ->  Parallel Seq Scan on t  (cost=0.00..900.00 rows=42 width=4) (actual time=0.5..40.0 "
        "rows=45 loops=2)\n"
        "        Filter: (v > 1)\n"
        "        Worker 0:  actual time=0.6..41.0 rows=44 loops=1\n"
        "        Worker 0:  Sort Method: quicksort  Memory: 25kB\n"
        "  ->  Index Scan using t_pkey on t t2  (cost=0.29..8.30 rows=1 width=4) (never executed)\n"
        "        Index Cond: (id = 1)\n");
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), 3);
    QCOMPARE(*plan->root().workersPlanned, 2);
    QCOMPARE(*plan->root().workersLaunched, 1);
    const PlanNode &scan = plan->node(1);
    QCOMPARE(scan.nodeType, QStringLiteral("Seq Scan"));
    QCOMPARE(scan.extraValue(QStringLiteral("Parallel Aware")).toBool(), true);
    QCOMPARE(*scan.actualLoops, 2.0);
    const QJsonArray workers = scan.extraValue(QStringLiteral("Workers")).toArray();
    QCOMPARE(workers.size(), 1);
    QCOMPARE(workers.first().toObject().value(QLatin1String("Actual Rows")).toDouble(), 44.0);
    QCOMPARE(workers.first().toObject().value(QLatin1String("Sort Method")).toString(),
             QStringLiteral("quicksort"));
    const PlanNode &never = plan->node(2);
    QVERIFY(never.neverExecuted);
    QCOMPARE(*never.actualLoops, 0.0);
    QCOMPARE(never.indexCond, QStringLiteral("(id = 1)"));
}

void tst_PgTextPlanParser::readsSubplansAndCtes()
{
    const QString text = QStringLiteral(
        "Result  (cost=10.00..10.01 rows=1 width=8) (actual time=2.0..2.0 rows=1 loops=1)\n"
        "  CTE totals\n"
        "    ->  Seq Scan on orders  (cost=0.00..5.00 rows=100 width=8) (actual time=0.1..1.0 "
        "rows=100 loops=1)\n"
        "  InitPlan 2 (returns $1)\n"
        "    ->  CTE Scan on totals t  (cost=0.00..2.00 rows=100 width=8) (actual time=0.1..1.5 "
        "rows=100 loops=1)\n"
        "  SubPlan 3\n"
        "    ->  Limit  (cost=0.00..0.01 rows=1 width=4) (actual time=0.001..0.001 rows=1 "
        "loops=100)\n");
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), 4);
    QCOMPARE(plan->root().childIds, QList<int>({1, 2, 3}));
    QCOMPARE(plan->node(1).relationship, PlanNode::Relationship::InitPlan);
    QCOMPARE(plan->node(1).subplanName, QStringLiteral("CTE totals"));
    QCOMPARE(plan->node(2).subplanName, QStringLiteral("InitPlan 2 (returns $1)"));
    QCOMPARE(plan->node(2).cteName, QStringLiteral("totals"));
    QCOMPARE(plan->node(2).alias, QStringLiteral("t"));
    QCOMPARE(plan->node(3).relationship, PlanNode::Relationship::SubPlan);
    QCOMPARE(plan->node(3).subplanName, QStringLiteral("SubPlan 3"));
    QCOMPARE(*plan->node(3).actualLoops, 100.0);
}

void tst_PgTextPlanParser::readsBuffersTimingsAndSections()
{
    const QString text = QStringLiteral(
        "Sort  (cost=1.0..2.0 rows=10 width=4) (actual time=0.1..0.2 rows=10 loops=1)\n"
        "  Sort Key: a, (lower(b, c))\n"
        "  Sort Method: external merge  Disk: 2048kB\n"
        "  Buffers: shared hit=5 read=2 dirtied=1 written=3, local hit=7, temp read=9 written=11\n"
        "  I/O Timings: shared read=1.5 write=0.5, temp read=0.25 write=0.75\n"
        "  WAL: records=2 fpi=1 bytes=120\n"
        "  ->  Bitmap Heap Scan on t  (cost=0.0..1.0 rows=10 width=4) (actual time=0.0..0.1 "
        "rows=10 loops=1)\n"
        "        Recheck Cond: (a > 1)\n"
        "        Rows Removed by Index Recheck: 40\n"
        "        Heap Blocks: exact=2 lossy=3\n"
        "        ->  Bitmap Index Scan on t_a_idx  (cost=0.0..1.0 rows=10 width=0) (actual "
        "time=0.0..0.0 rows=50 loops=1)\n"
        "              Index Cond: (a > 1)\n"
        "Planning:\n"
        "  Buffers: shared hit=8\n"
        "Settings: work_mem = '4MB', search_path = 'a, ''b'''\n"
        "Trigger audit on t: time=0.435 calls=2\n"
        "JIT:\n"
        "  Functions: 3\n"
        "Execution Time: 1.5 ms\n");
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const PlanNode &sort = plan->root();
    QCOMPARE(sort.extraValue(QStringLiteral("Sort Key")).toArray(),
             QJsonArray({QStringLiteral("a"), QStringLiteral("(lower(b, c))")}));
    QCOMPARE(sort.sortMethod, QStringLiteral("external merge"));
    QCOMPARE(sort.sortSpaceType, QStringLiteral("Disk"));
    QCOMPARE(*sort.sortSpaceUsedKb, qint64(2048));
    QCOMPARE(*sort.shared.hit, qint64(5));
    QCOMPARE(*sort.shared.read, qint64(2));
    QCOMPARE(*sort.shared.dirtied, qint64(1));
    QCOMPARE(*sort.shared.written, qint64(3));
    QCOMPARE(*sort.local.hit, qint64(7));
    QCOMPARE(*sort.temp.read, qint64(9));
    QCOMPARE(*sort.temp.written, qint64(11));
    QCOMPARE(*sort.ioReadMs, 1.5);
    QCOMPARE(*sort.ioWriteMs, 0.5);
    QCOMPARE(sort.extraValue(QStringLiteral("Temp I/O Read Time")).toDouble(), 0.25);
    QCOMPARE(sort.extraValue(QStringLiteral("WAL Records")).toDouble(), 2.0);
    QCOMPARE(sort.extraValue(QStringLiteral("WAL FPI")).toDouble(), 1.0);
    const PlanNode &heap = plan->node(1);
    QCOMPARE(heap.recheckCond, QStringLiteral("(a > 1)"));
    QCOMPARE(*heap.rowsRemovedByIndexRecheck, 40.0);
    QCOMPARE(heap.extraValue(QStringLiteral("Lossy Heap Blocks")).toDouble(), 3.0);
    QCOMPARE(plan->node(2).index, QStringLiteral("t_a_idx"));
    QVERIFY(plan->node(2).relation.isEmpty());
    QCOMPARE(plan->settings.size(), 2);
    QCOMPARE(plan->settings.at(1).value, QStringLiteral("a, 'b'"));
    QCOMPARE(plan->triggers.size(), 1);
    QCOMPARE(plan->triggers.first().name, QStringLiteral("Trigger audit").mid(8));
    QCOMPARE(plan->triggers.first().relation, QStringLiteral("t"));
    QCOMPARE(*plan->executionMs, 1.5);
    bool planning = false;
    bool jit = false;
    for (const PlanNode::Property &p : plan->extra) {
        planning = planning ||
                   (p.key == QLatin1String("Planning") &&
                    p.value.toObject().value(QLatin1String("Shared Hit Blocks")).toDouble() == 8);
        jit = jit || (p.key == QLatin1String("JIT") &&
                      p.value.toObject().value(QLatin1String("Functions")).toDouble() == 3);
    }
    QVERIFY(planning);
    QVERIFY(jit);
}

void tst_PgTextPlanParser::acceptsPastedForms_data()
{
    QTest::addColumn<QString>("text");
    const QString plan = QString::fromUtf8(simple);
    QTest::newRow("plain") << plan;
    QTest::newRow("psql aligned") << psqlAligned(plan);
    QTest::newRow("psql unicode frame") << framed(plan);
    QString quoted;
    for (const QString &line : plan.split(u'\n', Qt::SkipEmptyParts))
        quoted += u'"' + line + QStringLiteral("\"\n");
    QTest::newRow("pgAdmin quoted lines") << quoted;
    QTest::newRow("crlf") << QString(plan).replace(u'\n', QStringLiteral("\r\n"));
    QString grid = QStringLiteral("QUERY PLAN").leftJustified(140) + QStringLiteral("|\n") +
                   QString(140, u'-') + QStringLiteral("+\n");
    for (const QString &line : plan.split(u'\n', Qt::SkipEmptyParts))
        grid += line.leftJustified(140) + QStringLiteral("|\n");
    QTest::newRow("DBeaver grid") << grid;
    QTest::newRow("auto_explain in a server log")
        << QStringLiteral("2026-11-22 13:00:01 UTC [42] LOG:  duration: 0.150 ms  plan:\n\tQuery "
                          "Text: SELECT 1\n") +
               QString(plan).replace(QStringLiteral("\n"), QStringLiteral("\n\t")).prepend(u'\t');
    // A terminal 50 columns wide: long lines go on at the start of the next line.
    QString wrapped;
    for (const QString &line : psqlAligned(plan).split(u'\n')) {
        for (qsizetype at = 0; at < line.size(); at += 50)
            wrapped += line.mid(at, 50) + u'\n';
    }
    QTest::newRow("wrapped at 50 columns") << wrapped;
    QTest::newRow("leading SQL and command tags")
        << QStringLiteral("SET work_mem = '4MB';\nSET\nEXPLAIN ANALYZE SELECT 1;\n") +
               psqlAligned(plan);
}

void tst_PgTextPlanParser::acceptsPastedForms()
{
    QFETCH(QString, text);
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), 4);
    QCOMPARE(plan->node(3).index, QStringLiteral("b_pkey"));
    QCOMPARE(plan->node(3).parentId, 2);
    QCOMPARE(*plan->executionMs, 0.150);
}

void tst_PgTextPlanParser::joinsLinesTheTerminalWrapped()
{
    const QString text = QStringLiteral("Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
                                        "  Filter: ((a = 1) AND (b = 2) AND\n"
                                        "(c = 3))\n");
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->nodeCount(), 1);
    QCOMPARE(plan->root().filter, QStringLiteral("((a = 1) AND (b = 2) AND(c = 3))"));
}

void tst_PgTextPlanParser::keepsHostileNamesVerbatim()
{
    const QString text = QStringLiteral(
        "Nested Loop  (cost=0.00..2.00 rows=1 width=4)\n"
        "  ->  Seq Scan on \"x'; DROP TABLE t; --\" \"a\"\"b\"  (cost=0.00..1.00 rows=1 width=4)\n"
        "  ->  Index Scan using \"my idx\" on \"таблица\".\"a b\"  (cost=0.00..1.00 rows=1 "
        "width=4)\n");
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    QCOMPARE(plan->node(1).relation, QStringLiteral("x'; DROP TABLE t; --"));
    QCOMPARE(plan->node(1).alias, QStringLiteral("a\"b"));
    QCOMPARE(plan->node(2).index, QStringLiteral("my idx"));
    QCOMPARE(plan->node(2).schema, QStringLiteral("таблица"));
    QCOMPARE(plan->node(2).relation, QStringLiteral("a b"));
}

void tst_PgTextPlanParser::rejectsWhatIsNotAPlan_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("random text") << QStringLiteral("hello, world\nthis is not a plan");
    QTest::newRow("json") << QStringLiteral("{\"name\": \"strata\"}");
    QTest::newRow("only properties") << QStringLiteral("Filter: (a > 1)\nPlanning Time: 1 ms\n");
}

void tst_PgTextPlanParser::rejectsWhatIsNotAPlan()
{
    QFETCH(QString, text);
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")));
}

void tst_PgTextPlanParser::corpusMatchesPev2Expectations_data()
{
    QTest::addColumn<QString>("planPath");
    QTest::addColumn<QString>("expectPath");
    const QStringList files = Test::explainCorpusFiles(
        QStringLiteral("postgresql-text/pev2_from_text"), QStringLiteral("-plan"));
    if (files.isEmpty())
        QSKIP("the EXPLAIN corpora are not beside the source tree");
    for (const QString &path : files) {
        QString expect = path;
        expect.replace(expect.size() - 4, 4, QStringLiteral("expect"));
        QTest::newRow(Test::corpusRowName(path).constData()) << path << expect;
    }
}

void tst_PgTextPlanParser::corpusMatchesPev2Expectations()
{
    QFETCH(QString, planPath);
    QFETCH(QString, expectPath);
    QVERIFY(QFile::exists(expectPath));
    const Result<Plan> plan = PgTextPlanParser::parse(Test::readCorpusFile(planPath));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    const QJsonObject expected =
        QJsonDocument::fromJson(Test::readCorpusFile(expectPath).toUtf8()).object();
    QVERIFY(expected.contains(QLatin1String("Plan")));
    const QString failure = compareNode(*plan, 0, expected.value(QLatin1String("Plan")).toObject(),
                                        QStringLiteral("Plan"));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (const char *key : {"Planning Time", "Execution Time", "Total Runtime"}) {
        const QJsonValue want = expected.value(QLatin1String(key));
        if (want.isUndefined())
            continue;
        const std::optional<double> ours = QLatin1String(key) == QLatin1String("Planning Time")
                                               ? plan->planningMs
                                               : plan->executionMs;
        QVERIFY2(ours && qAbs(*ours - want.toDouble()) < 1e-6, key);
    }
    const QJsonObject settings = expected.value(QLatin1String("Settings")).toObject();
    QCOMPARE(plan->settings.size(), settings.size());
    for (const Plan::Setting &s : plan->settings)
        QCOMPARE(s.value, settings.value(s.name).toString());
}

void tst_PgTextPlanParser::corpusSamplesParse_data()
{
    if (!Test::addCorpusRows(Test::explainCorpusFiles(
            QStringLiteral("postgresql-text/pev2_samples"), QStringLiteral(".txt"))))
        QSKIP("the EXPLAIN corpora are not beside the source tree");
}

void tst_PgTextPlanParser::corpusSamplesParse()
{
    QFETCH(QString, path);
    const QString text = Test::readCorpusFile(path);
    const Result<Plan> plan = PgTextPlanParser::parse(text);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    // Every "->" line is an operator below the root.
    QCOMPARE(plan->nodeCount(), int(text.count(QLatin1String("->  "))) + 1);
    QVERIFY(plan->executionMs.has_value());
}

QTEST_GUILESS_MAIN(tst_PgTextPlanParser)
#include "tst_pgtextplanparser.moc"
