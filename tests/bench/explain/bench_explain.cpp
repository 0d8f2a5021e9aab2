// SPDX-License-Identifier: GPL-3.0-or-later
// Parse + analyze + findings time of large PostgreSQL plans: the largest corpus plan, and
// synthetic 10,000-node plans (an Append over 10,000 partition scans, as EXPLAIN ANALYZE
// of a table with 10,000 partitions gives) in JSON and in text format.
//
//   bench_explain [runs]        prints the median CPU time of runs (default 7) per case
#include "explain/plananalysis.h"
#include "explain/planfindings.h"
#include "pgjsonplanparser.h"
#include "pgplanrules.h"
#include "pgtextplanparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Strata;
using namespace Strata::Postgres::Internal;

namespace {

QString partitionScanJson(int i)
{
    return QStringLiteral(
               R"J({"Node Type": "Seq Scan", "Parent Relationship": "Member", "Parallel Aware": false,
      "Relation Name": "events_p%1", "Schema": "public", "Alias": "events_%1",
      "Startup Cost": 0.00, "Total Cost": 25.88, "Plan Rows": 6, "Plan Width": 44,
      "Actual Startup Time": 0.004, "Actual Total Time": 0.011, "Actual Rows": %2, "Actual Loops": 1,
      "Output": ["events_%1.id", "events_%1.kind", "events_%1.payload"],
      "Filter": "(events_%1.kind = 'click'::text)", "Rows Removed by Filter": %3,
      "Shared Hit Blocks": 3, "Shared Read Blocks": 1, "Shared Dirtied Blocks": 0, "Shared Written Blocks": 0,
      "Local Hit Blocks": 0, "Local Read Blocks": 0, "Local Dirtied Blocks": 0, "Local Written Blocks": 0,
      "Temp Read Blocks": 0, "Temp Written Blocks": 0, "I/O Read Time": 0.002, "I/O Write Time": 0.000})J")
        .arg(i)
        .arg(i % 7)
        .arg(40 + i % 13);
}

QString syntheticJson(int partitions)
{
    QString json = QStringLiteral(
        R"J([{"Plan": {"Node Type": "Append", "Parallel Aware": false, "Startup Cost": 0.00, "Total Cost": 258800.00,
    "Plan Rows": 60000, "Plan Width": 44, "Actual Startup Time": 0.010, "Actual Total Time": 180.5,
    "Actual Rows": 30000, "Actual Loops": 1, "Subplans Removed": 0, "Plans": [)J");
    for (int i = 0; i < partitions; ++i) {
        if (i > 0)
            json += u',';
        json += partitionScanJson(i);
    }
    json += QStringLiteral(
        R"J(]}, "Planning Time": 950.1, "Triggers": [], "Execution Time": 260.7}])J");
    return json;
}

QString syntheticText(int partitions)
{
    QString text = QStringLiteral("Append  (cost=0.00..258800.00 rows=60000 width=44) (actual "
                                  "time=0.010..180.500 rows=30000 loops=1)\n"
                                  "  Buffers: shared hit=30000 read=10000\n");
    for (int i = 0; i < partitions; ++i) {
        text +=
            QStringLiteral(
                "  ->  Seq Scan on public.events_p%1 events_%1  (cost=0.00..25.88 rows=6 width=44) "
                "(actual time=0.004..0.011 rows=%2 loops=1)\n"
                "        Output: events_%1.id, events_%1.kind, events_%1.payload\n"
                "        Filter: (events_%1.kind = 'click'::text)\n"
                "        Rows Removed by Filter: %3\n"
                "        Buffers: shared hit=3 read=1\n"
                "        I/O Timings: shared read=0.002\n")
                .arg(i)
                .arg(i % 7)
                .arg(40 + i % 13);
    }
    text += QStringLiteral("Planning Time: 950.100 ms\nExecution Time: 260.700 ms\n");
    return text;
}

// Median CPU time of the process (the machine may be shared: wall time would count waits).
double medianMs(int runs, const std::function<void()> &work)
{
    QList<double> times;
    for (int r = 0; r < runs; ++r) {
        const std::clock_t start = std::clock();
        work();
        times.append(double(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

void measure(const char *name, const QString &input, int runs,
             const std::function<Result<Plan>(const QString &)> &parse)
{
    int nodes = 0;
    int findings = 0;
    double parseOnly = medianMs(runs, [&] {
        const Result<Plan> plan = parse(input);
        nodes = plan.ok() ? plan->nodeCount() : -1;
    });
    double all = medianMs(runs, [&] {
        const Result<Plan> plan = parse(input);
        if (!plan.ok())
            return;
        const PlanAnalysis analysis = PlanAnalysis::analyze(*plan);
        findings = int(PlanFindings::find(*plan, analysis, PgPlanRules::rules()).size());
    });
    std::printf("%-34s %8.1f kB %6d nodes  parse %8.2f ms  parse+analyze+findings %8.2f ms  (%d "
                "findings)\n",
                name, double(input.toUtf8().size()) / 1024.0, nodes, parseOnly, all, findings);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 7;
    QString corpus =
        QStringLiteral(STRATA_CORPORA_DIR "/explain/postgresql-json/pev2/05_very_large_plan.json");
    if (!QFile::exists(corpus))
        corpus = QStringLiteral(
            STRATA_SOURCE_DIR
            "/../../shared/corpora/explain/postgresql-json/pev2/05_very_large_plan.json");
    QFile file(corpus);
    if (file.open(QIODevice::ReadOnly))
        measure("corpus 05_very_large_plan.json", QString::fromUtf8(file.readAll()), runs,
                PgJsonPlanParser::parse);
    else
        std::printf("corpus plan not found: %s\n", qPrintable(corpus));
    const QString json = syntheticJson(10000);
    const double decode = medianMs(runs, [&] { (void)QJsonDocument::fromJson(json.toUtf8()); });
    std::printf("%-34s %8.1f kB  QJsonDocument::fromJson alone %8.2f ms\n",
                "synthetic 10,000 partitions (JSON)", double(json.toUtf8().size()) / 1024.0,
                decode);
    measure("synthetic 10,000 partitions (JSON)", json, runs, PgJsonPlanParser::parse);
    measure("synthetic 10,000 partitions (text)", syntheticText(10000), runs,
            PgTextPlanParser::parse);
    return 0;
}
