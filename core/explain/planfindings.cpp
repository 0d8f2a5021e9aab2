// SPDX-License-Identifier: GPL-3.0-or-later
#include "planfindings.h"

#include <algorithm>

namespace Strata {

QList<PlanFinding> PlanFindings::find(const Plan &plan, const PlanAnalysis &analysis,
                                      const QList<PlanRule> &rules)
{
    QList<PlanFinding> findings;
    if (analysis.nodeCount() != plan.nodeCount())
        return findings;
    for (const PlanRule &rule : rules) {
        if (!rule.engine.isEmpty() && rule.engine != plan.engine)
            continue;
        findings.append(rule.check(plan, analysis));
    }
    std::stable_sort(findings.begin(), findings.end(),
                     [&analysis](const PlanFinding &a, const PlanFinding &b) {
                         if (a.severity != b.severity)
                             return a.severity > b.severity;
                         const double ta =
                             a.nodeId >= 0 ? analysis.metrics(a.nodeId).exclusiveMs.value_or(0) : 0;
                         const double tb =
                             b.nodeId >= 0 ? analysis.metrics(b.nodeId).exclusiveMs.value_or(0) : 0;
                         return ta > tb;
                     });
    return findings;
}

} // namespace Strata
