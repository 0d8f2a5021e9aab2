// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plananalysis.h"
#include "explain/planfinding.h"

#include <QList>

#include <functional>

namespace Strata {

// One check over a plan. Each engine's plugin contributes its own list through
// IExplain::planRules(); PlanFindings runs the ones that match Plan::engine.
struct PlanRule
{
    using Check = std::function<QList<PlanFinding>(const Plan &, const PlanAnalysis &)>;

    QString kind;   // the kind id of the findings it makes
    QString engine; // Plan::engine it applies to; empty for every engine
    Check check;
};

} // namespace Strata
