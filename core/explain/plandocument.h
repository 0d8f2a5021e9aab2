// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plananalysis.h"
#include "explain/planfinding.h"
#include "explain/planrule.h"

#include <QList>

namespace Strata {

// A plan with what Strata derives from it: the analysis and the findings, computed once and
// shared read-only by every view, the CLI writers and comparisons. A plain value; build it on
// a worker for large plans.
struct STRATA_CORE_EXPORT PlanDocument
{
    Plan plan;
    PlanAnalysis analysis;
    QList<PlanFinding> findings; // the most severe first

    // Analyzes plan and runs the engine's rules over it.
    static PlanDocument analyze(Plan plan, const QList<PlanRule> &rules);
    // The findings about one node, in findings' order.
    QList<PlanFinding> findingsFor(int nodeId) const;
};

} // namespace Strata
