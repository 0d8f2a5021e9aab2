// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

namespace Strata::MySql::Internal {

// Reads MySQL 8's EXPLAIN FORMAT=TREE and EXPLAIN ANALYZE text into a Plan:
//   -> Nested loop inner join  (cost=4.5 rows=10) (actual time=0.05..0.08 rows=10 loops=1)
//       -> Filter: (t1.a > 3)  (cost=1.25 rows=3) (actual time=0.02..0.03 rows=3 loops=1)
//           -> Table scan on t1  (cost=1.25 rows=10) (actual time=0.01..0.02 rows=10 loops=1)
//       -> Index lookup on t2 using idx (a=t1.a)  (cost=0.9 rows=3) (never executed)
// Children are indented below their parent; "-> Select #2 (subquery in condition; dependent)"
// heads a subquery. Times, like PostgreSQL's, are per-loop averages that include the
// children. Lines the reference manual wraps ("(actual time=...)" on a line of its own) are
// joined to their node. Client decoration is removed first (MySqlClientOutput). Anything else
// is an Error "not an EXPLAIN plan: <why>". Pure: any thread, never a crash.
class MySqlTreePlanParser
{
public:
    static Result<Plan> parse(const QString &text);
    // True when text, without client decoration, starts with a "-> " node line.
    static bool looksLikeTree(const QString &text);
};

} // namespace Strata::MySql::Internal
