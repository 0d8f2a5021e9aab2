// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plannode.h"

namespace Strata::Sqlite::Internal {

// Reads one EXPLAIN QUERY PLAN detail ("SEARCH t1 USING COVERING INDEX i1 (a=? AND b>?)")
// into a PlanNode: node type, relation and alias, index, index condition, subquery names.
// The whole detail is kept as the property "Detail", so nothing is lost on forms it does not
// know. SQLite prints names without quotes, so a name is everything up to the next keyword.
class SqliteEqpDetail
{
public:
    static void describe(PlanNode &node, const QString &detail);

    // True for the node types that read a table (SCAN, SEARCH), whose relation is a table,
    // a view, a CTE or a subquery.
    static bool readsRelation(const PlanNode &node);
};

} // namespace Strata::Sqlite::Internal
