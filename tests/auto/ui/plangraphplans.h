// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plans for the plan-graph GUI tests: small hand-made trees with hostile names and a
// finding, and the 10,000-partition fan-out.

#include "explain/plandocument.h"

#include <memory>

namespace Strata::Test {

// Hash Join over a Seq Scan (hostile relation, a critical finding) and a Hash over an Index
// Scan; ANALYZE figures throughout.
inline std::shared_ptr<const PlanDocument> smallPlan(const QString &relation)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    const auto node = [](const char *type, double ms, double rows, double est) {
        PlanNode n;
        n.nodeType = QString::fromLatin1(type);
        n.actualTotalMs = ms;
        n.actualLoops = 1;
        n.actualRows = rows;
        n.estimatedRows = est;
        n.totalCost = ms * 10;
        return n;
    };
    plan.addNode(node("Hash Join", 10, 100, 90), -1);
    PlanNode scan = node("Seq Scan", 6, 100000, 100);
    scan.relation = relation;
    scan.alias = QStringLiteral("o");
    scan.filter = QStringLiteral("(status = 'late')");
    plan.addNode(scan, 0);
    plan.addNode(node("Hash", 1, 10, 10), 0);
    PlanNode index = node("Index Scan", 0.5, 10, 10);
    index.relation = QStringLiteral("customers");
    index.index = QStringLiteral("customers_pkey");
    plan.addNode(index, 2);
    auto doc = std::make_shared<PlanDocument>(PlanDocument::analyze(plan, {}));
    doc->findings.append({1, QStringLiteral("seq-scan-filter"), PlanFinding::Severity::Critical,
                          QStringLiteral("Seq Scan on ") + relation + QStringLiteral(" discards most rows.")});
    return doc;
}

// An Append over count partition scans: the shape EXPLAIN ANALYZE of a partitioned table gives.
inline std::shared_ptr<const PlanDocument> fanOutPlan(int count)
{
    Plan plan;
    plan.engine = QStringLiteral("postgresql");
    PlanNode append;
    append.nodeType = QStringLiteral("Append");
    append.actualTotalMs = 180;
    append.actualLoops = 1;
    append.actualRows = count * 3.0;
    append.estimatedRows = count * 6.0;
    plan.addNode(append, -1);
    for (int i = 0; i < count; ++i) {
        PlanNode scan;
        scan.nodeType = QStringLiteral("Seq Scan");
        scan.relation = QStringLiteral("events_p%1").arg(i);
        scan.alias = QStringLiteral("events_%1").arg(i);
        scan.filter = QStringLiteral("(events_%1.kind = 'click'::text)").arg(i);
        scan.actualTotalMs = 0.011 + (i % 100) * 0.001;
        scan.actualLoops = 1;
        scan.actualRows = i % 7;
        scan.estimatedRows = 6;
        plan.addNode(scan, 0);
    }
    return std::make_shared<PlanDocument>(PlanDocument::analyze(plan, {}));
}

} // namespace Strata::Test
