// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

#include <QJsonObject>

namespace Strata::MySql::Internal {

// Reads EXPLAIN FORMAT=JSON of MySQL 5.7/8 and MariaDB, and MariaDB's ANALYZE FORMAT=JSON, into
// a Plan that reads like a PostgreSQL one: a query block above what it runs, a sort or
// temporary table above what it sorts or holds, and a nested_loop [t1, t2, t3] as the
// left-deep joins (t1 ⋈ t2) ⋈ t3. Every key without a field stays in PlanNode::extra.
//
// Times: MariaDB reports totals over all loops (r_total_time_ms of a query block, the
// r_table_time_ms + r_other_time_ms a table took, the time a filesort or join buffer took on
// its own). A node's inclusive total is its query block's r_total_time_ms, or its own time
// plus its children's; PlanNode::actualTotalMs is that total divided by the node's loops, so
// PlanAnalysis (which multiplies by loops again) gets exclusive times that add up to the
// statement's r_total_time_ms (Plan::executionMs).
//
// Accepts the JSON as the mysql/mariadb client prints it (header, frames, \G, batch escapes).
// Anything else is an Error "not an EXPLAIN plan: <why>". Pure: any thread, never a crash.
class MySqlJsonPlanParser
{
public:
    static Result<Plan> parse(const QString &text);
    static Result<Plan> parseDocument(const QJsonObject &document);
    // True when text, without client decoration, starts like a JSON object.
    static bool looksLikeJson(const QString &text);
    // "ALL" → "Full Table Scan", "ref" → "Non-Unique Key Lookup", ...; unknown types verbatim.
    static QString accessTypeName(const QString &accessType);
};

} // namespace Strata::MySql::Internal
