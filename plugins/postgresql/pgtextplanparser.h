// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

namespace Strata::Postgres::Internal {

// Reads EXPLAIN's text format into a Plan, the way PEV2 does: the tree from the "->"
// indentation; loops, "never executed", parallel workers ("Worker 0: ..."), CTE / InitPlan /
// SubPlan sections, buffers and I/O timing, triggers, settings, planning and JIT sections;
// psql headers, frames and footers, pgAdmin's quoted lines, and lines the terminal wrapped.
// Text that holds no operator line is an Error "not an EXPLAIN plan: <why>".
class PgTextPlanParser
{
public:
    static Result<Plan> parse(const QString &text);
};

} // namespace Strata::Postgres::Internal
