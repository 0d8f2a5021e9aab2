// SPDX-License-Identifier: GPL-3.0-or-later
#include "plandocument.h"

#include "explain/planfindings.h"

namespace Strata {

PlanDocument PlanDocument::analyze(Plan plan, const QList<PlanRule> &rules)
{
    PlanDocument document;
    document.plan = std::move(plan);
    document.analysis = PlanAnalysis::analyze(document.plan);
    document.findings = PlanFindings::find(document.plan, document.analysis, rules);
    return document;
}

QList<PlanFinding> PlanDocument::findingsFor(int nodeId) const
{
    QList<PlanFinding> result;
    for (const PlanFinding &finding : findings) {
        if (finding.nodeId == nodeId)
            result.append(finding);
    }
    return result;
}

} // namespace Strata
