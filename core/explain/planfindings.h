// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/planrule.h"

namespace Strata {

// Runs the rules that apply to a plan's engine and returns their findings, the most severe
// first (then by the node's exclusive time). The rules come from the engine's plugin
// (IExplain::planRules()), so each engine brings its own. Pure; any thread.
class STRATA_CORE_EXPORT PlanFindings
{
public:
    static QList<PlanFinding> find(const Plan &plan, const PlanAnalysis &analysis,
                                   const QList<PlanRule> &rules);
};

} // namespace Strata
