// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What every plan-parser fuzz target checks on a parse result: a refusal says
// "not an EXPLAIN plan: ..."; an accepted plan survives analysis and the findings rules, and
// every finding names a node of the plan. Anything else traps.

#include "explain/plan.h"
#include "explain/plananalysis.h"
#include "explain/planfindings.h"
#include "pgplanrules.h"
#include "sql/result.h"

#include <cstddef>
#include <cstdint>

namespace Strata::Fuzz {

inline QString inputText(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline int checkParsedPlan(const Result<Plan> &plan, const QList<PlanRule> &rules)
{
    if (!plan.ok()) {
        if (!plan.error().message().startsWith(QLatin1String("not an EXPLAIN plan: ")))
            __builtin_trap();
        return 0;
    }
    const PlanAnalysis analysis = PlanAnalysis::analyze(*plan);
    const QList<PlanFinding> findings =
        PlanFindings::find(*plan, analysis, rules);
    for (const PlanFinding &f : findings) {
        if (f.nodeId < 0 || f.nodeId >= plan->nodeCount())
            __builtin_trap();
    }
    return 0;
}

inline int checkParsedPlan(const Result<Plan> &plan)
{
    return checkParsedPlan(plan, Postgres::Internal::PgPlanRules::rules());
}

} // namespace Strata::Fuzz
