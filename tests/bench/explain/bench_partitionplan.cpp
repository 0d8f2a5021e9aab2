// SPDX-License-Identifier: GPL-3.0-or-later
// The strata-cli explain render pipeline on a real plan (by default the 10,000-partition plan
// that make-partition-plan.sh writes), phase by phase: PlanReader (engine detection + parse),
// PlanDocument::analyze (analysis + findings), the JSON and the text writer. The issue's
// budget: parse + analyze ≤ 300 ms.
//
//   bench_partitionplan [PLAN_FILE [RUNS]]   (default /tmp/strata-partition-plan.json, 7 runs)
//
// Prints, per phase, the first run (what one strata-cli process pays: fresh memory to fault in)
// and the median wall and CPU time over RUNS runs. malloc is tuned as in strata-cli's main().
#include "explain/plandocument.h"
#include "explain/planjsonwriter.h"
#include "explain/planreader.h"
#include "explain/plantextwriter.h"
#include "pgexplain.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

#include <malloc.h>

using namespace Strata;

namespace {

struct Timing
{
    QList<double> wallMs;
    QList<double> cpuMs;

    void add(double wall, double cpu)
    {
        wallMs.append(wall);
        cpuMs.append(cpu);
    }
    static double median(QList<double> values)
    {
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    }
};

// Times work once into timing.
void timeOnce(Timing &timing, const std::function<void()> &work)
{
    QElapsedTimer wall;
    const std::clock_t cpu = std::clock();
    wall.start();
    work();
    timing.add(double(wall.nsecsElapsed()) / 1e6,
               double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC);
}

void print(const char *phase, const Timing &timing)
{
    std::printf("  %-34s first: wall %8.2f ms cpu %8.2f ms   median: wall %8.2f ms cpu %8.2f ms\n",
                phase, timing.wallMs.constFirst(), timing.cpuMs.constFirst(),
                Timing::median(timing.wallMs), Timing::median(timing.cpuMs));
}

} // namespace

int main(int argc, char **argv)
{
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString path = args.value(1, QStringLiteral("/tmp/strata-partition-plan.json"));
    const int runs = std::max(1, args.value(2, QStringLiteral("7")).toInt());

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(
            stderr,
            "cannot read %s: %s (make it with tests/bench/explain/make-partition-plan.sh)\n",
            qPrintable(path), qPrintable(file.errorString()));
        return 1;
    }
    const QByteArray bytes = file.readAll();

    const Postgres::Internal::PgExplain explain;
    const PlanReader reader({{QStringLiteral("postgresql"), &explain}});
    const QList<PlanRule> rules = explain.planRules();

    Timing decode, read, analyze, both, json, text;
    int nodes = 0;
    qsizetype findings = 0;
    qsizetype jsonBytes = 0;
    qsizetype textChars = 0;
    for (int run = 0; run < runs; ++run) {
        QString input;
        timeOnce(decode, [&] { input = QString::fromUtf8(bytes); });
        Result<Plan> plan = Error(Error::Code::Generic, QString());
        timeOnce(read, [&] { plan = reader.read(input); });
        if (!plan) {
            std::fprintf(stderr, "%s\n", qPrintable(plan.error().toString()));
            return 1;
        }
        nodes = plan->nodeCount();
        PlanDocument document;
        timeOnce(analyze, [&] { document = PlanDocument::analyze(plan.value(), rules); });
        findings = document.findings.size();
        both.add(read.wallMs.last() + analyze.wallMs.last(),
                 read.cpuMs.last() + analyze.cpuMs.last());
        timeOnce(json, [&] { jsonBytes = PlanJsonWriter::toJson(document).size(); });
        timeOnce(text, [&] { textChars = PlanTextWriter::toText(document).size(); });
    }

    std::printf("%s: %.1f MB, %d nodes, %lld findings; JSON out %.1f MB, text out %lld chars; "
                "medians of %d runs\n",
                qPrintable(path), double(bytes.size()) / 1e6, nodes, qlonglong(findings),
                double(jsonBytes) / 1e6, qlonglong(textChars), runs);
    print("UTF-8 decode", decode);
    print("PlanReader::read (detect + parse)", read);
    print("PlanDocument::analyze", analyze);
    print("parse + analyze (budget 300 ms)", both);
    print("PlanJsonWriter::toJson", json);
    print("PlanTextWriter::toText", text);
    return 0;
}
