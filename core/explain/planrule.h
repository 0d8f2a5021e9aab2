// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plananalysis.h"
#include "explain/planfinding.h"

#include <QList>

#include <functional>

namespace Strata {

// One check over a plan. Each engine contributes its own list (PostgresPlanRules, and the
// MySQL and SQLite ones beside it); PlanFindings runs the list that matches Plan::engine.
struct PlanRule
{
    using Check = std::function<QList<PlanFinding>(const Plan &, const PlanAnalysis &)>;

    QString kind;   // the kind id of the findings it makes
    QString engine; // Plan::engine it applies to; empty for every engine
    Check check;
};

} // namespace Strata
