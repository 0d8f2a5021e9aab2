// SPDX-License-Identifier: GPL-3.0-or-later
// Render time of the plan graph on a 10,000-node plan, offscreen:
//  - first render: PlanGraphPage::setDocument → the first paint of the graph done;
//  - pan frames at 100% (scroll 23 px, repaint) and zoom frames between "fit" and 150%
//    about the viewport centre (every node visible at the low end): median and p95 of the
//    wall time and of the GUI thread's CPU time.
//
//   QT_QPA_PLATFORM=offscreen bench_plangraph [--plan FILE] [--runs N] [--frames N]
//
// FILE: EXPLAIN (ANALYZE, FORMAT JSON) or text output of PostgreSQL (e.g. the
// 10,000-partition plan of tests/bench/explain/make-partition-plan.sh); without it, a
// synthetic Aggregate → Append over 10,000 partition scans.
#include "explain/plangraphpage.h"
#include "explain/plangraphview.h"
#include "explain/plannodeselection.h"
#include "pgjsonplanparser.h"
#include "pgplanrules.h"
#include "pgtextplanparser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Strata;
using namespace Strata::Postgres::Internal;

namespace {

Plan syntheticPlan(int partitions)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode aggregate;
    aggregate.nodeType = QStringLiteral("Aggregate");
    aggregate.actualTotalMs = 200.8;
    aggregate.actualLoops = 1;
    aggregate.actualRows = 7;
    aggregate.estimatedRows = 7;
    aggregate.totalCost = 10814.56;
    plan.addNode(aggregate, -1);
    PlanNode append;
    append.nodeType = QStringLiteral("Append");
    append.actualTotalMs = 180.5;
    append.actualLoops = 1;
    append.actualRows = 30000;
    append.estimatedRows = 60000;
    append.totalCost = 10000;
    plan.addNode(append, 0);
    for (int i = 0; i < partitions; ++i) {
        PlanNode scan;
        scan.nodeType = QStringLiteral("Seq Scan");
        scan.relation = QStringLiteral("events_p%1").arg(i);
        scan.schema = QStringLiteral("public");
        scan.alias = QStringLiteral("events_%1").arg(i);
        scan.filter = QStringLiteral("(events_%1.kind = 'click'::text)").arg(i);
        scan.actualTotalMs = 0.011 + (i % 13) * 0.001;
        scan.actualLoops = 1;
        scan.actualRows = i % 7;
        scan.estimatedRows = 6;
        scan.totalCost = 25.88;
        scan.rowsRemovedByFilter = 40 + i % 13;
        plan.addNode(scan, 1);
    }
    return plan;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const int i = std::clamp(int(p * (values.size() - 1) + 0.5), 0, int(values.size()) - 1);
    return values.at(i);
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// One synchronous paint of the view's viewport: wall ms, and the GUI thread's CPU ms (what
// the frame costs without the waits a shared machine adds).
void frame(PlanGraphView *view, QList<double> *wall, QList<double> *cpu)
{
    QElapsedTimer timer;
    const double cpuStart = threadCpuMs();
    timer.start();
    view->viewport()->repaint();
    wall->append(double(timer.nsecsElapsed()) / 1e6);
    cpu->append(threadCpuMs() - cpuStart);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString planPath;
    int runs = 7;
    int frames = 300;
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QStringLiteral("--plan") && i + 1 < args.size())
            planPath = args.at(++i);
        else if (args.at(i) == QStringLiteral("--runs") && i + 1 < args.size())
            runs = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QStringLiteral("--frames") && i + 1 < args.size())
            frames = std::max(10, args.at(++i).toInt());
        else {
            std::fprintf(stderr, "usage: bench_plangraph [--plan FILE] [--runs N] [--frames N]\n");
            return 2;
        }
    }

    QElapsedTimer parseTimer;
    parseTimer.start();
    Plan plan;
    if (planPath.isEmpty()) {
        plan = syntheticPlan(10000);
    } else {
        QFile file(planPath);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(planPath));
            return 1;
        }
        const QString text = QString::fromUtf8(file.readAll());
        Result<Plan> parsed = PgJsonPlanParser::looksLikeJson(text) ? PgJsonPlanParser::parse(text)
                                                                   : PgTextPlanParser::parse(text);
        if (!parsed.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(parsed.error().message()));
            return 1;
        }
        plan = std::move(parsed.value());
    }
    auto document = std::make_shared<const PlanDocument>(PlanDocument::analyze(plan, PgPlanRules::rules()));
    const double parseMs = double(parseTimer.nsecsElapsed()) / 1e6;

    // First render: a fresh page each run (nothing cached), shown empty, then the document.
    QList<double> firsts;
    for (int r = 0; r < runs; ++r) {
        PlanNodeSelection selection;
        PlanGraphPage page(&selection);
        page.resize(1280, 800);
        page.show();
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        page.setDocument(document);
        page.view()->viewport()->repaint();
        firsts.append(double(timer.nsecsElapsed()) / 1e6);
    }

    PlanNodeSelection selection;
    PlanGraphPage page(&selection);
    page.resize(1280, 800);
    page.show();
    QApplication::processEvents();
    page.setDocument(document);
    PlanGraphView *view = page.view();
    QApplication::processEvents();

    // Pan at 100% along the widest row, right then back.
    view->resetZoom();
    selection.setCurrentNode(document->plan.nodeCount() / 2);
    QScrollBar *h = view->horizontalScrollBar();
    QList<double> pans;
    QList<double> panCpu;
    for (int f = 0; f < frames; ++f) {
        h->setValue(h->value() + ((f / 50) % 2 == 0 ? 23 : -23));
        frame(view, &pans, &panCpu);
    }

    // Zoom: from fit (every node visible) to 150% and back, 10% per frame.
    QList<double> zooms;
    QList<double> zoomCpu;
    view->fitToView();
    const double low = view->zoom();
    double z = low;
    double step = 1.1;
    for (int f = 0; f < frames; ++f) {
        z *= step;
        if (z >= 1.5 || z <= low) {
            step = 1.0 / step;
            z = std::clamp(z, low, 1.5);
        }
        view->setZoom(z);
        frame(view, &zooms, &zoomCpu);
    }

    std::printf("plan: %s, %d nodes, %d findings; parse+analyze+findings %.1f ms\n",
                planPath.isEmpty() ? "synthetic 10,000 partitions" : qPrintable(planPath),
                document->plan.nodeCount(), int(document->findings.size()), parseMs);
    std::printf("layout %.0f x %.0f px at 100%%, fit zoom %.4f\n",
                view->planLayout().boundingRect().width(),
                view->planLayout().boundingRect().height(), low);
    std::printf("first render (setDocument -> first paint), median of %d: %.1f ms (min %.1f, max %.1f)\n",
                runs, percentile(firsts, 0.5), percentile(firsts, 0.0), percentile(firsts, 1.0));
    std::printf("pan frames at 100%%   (%d): wall median %.2f ms, p95 %.2f ms, max %.2f ms; "
                "CPU median %.2f ms, p95 %.2f ms\n",
                frames, percentile(pans, 0.5), percentile(pans, 0.95), percentile(pans, 1.0),
                percentile(panCpu, 0.5), percentile(panCpu, 0.95));
    std::printf("zoom frames fit..150%% (%d): wall median %.2f ms, p95 %.2f ms, max %.2f ms; "
                "CPU median %.2f ms, p95 %.2f ms\n",
                frames, percentile(zooms, 0.5), percentile(zooms, 0.95), percentile(zooms, 1.0),
                percentile(zoomCpu, 0.5), percentile(zoomCpu, 0.95));
    return 0;
}
