// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "strata_ui_global.h"

#include "explain/plananalysis.h"
#include "explain/planfinding.h"

#include <QIcon>
#include <QString>

#include <optional>

namespace Strata {

// How the plan views write figures and name nodes, so the grid, the details, the flame graph
// and the comparison say the same thing the same way. All plain text.
namespace PlanFormat {

// "Seq Scan on orders o", "Index Scan using orders_pkey on orders", "Hash Join".
STRATA_UI_EXPORT QString nodeTitle(const PlanNode &node);
// "#12 Seq Scan on orders".
STRATA_UI_EXPORT QString nodeReference(const PlanNode &node);
// "12.345 ms", "1.2 s"; "—" for nullopt.
STRATA_UI_EXPORT QString ms(std::optional<double> value);
// "1,234" (whole), "0.5" (fractional loops-averaged rows); "—" for nullopt.
STRATA_UI_EXPORT QString number(std::optional<double> value);
// "↓ 12×" (more rows than estimated: under-estimated), "↑ 3.5×", "1×"; "—" when unknown.
STRATA_UI_EXPORT QString estimate(std::optional<double> factor,
                                  PlanAnalysis::EstimateDirection direction);
// "42.0 %"; "—" for nullopt. share is 0..1.
STRATA_UI_EXPORT QString percent(std::optional<double> share);
// Blocks as "123 (1.0 MB)"; "—" for nullopt.
STRATA_UI_EXPORT QString blocks(std::optional<qint64> value);
STRATA_UI_EXPORT QString severityText(PlanFinding::Severity severity);
STRATA_UI_EXPORT QIcon severityIcon(PlanFinding::Severity severity);
// The text used for nulls.
STRATA_UI_EXPORT QString none();

} // namespace PlanFormat
} // namespace Strata
