// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

#include <QList>

namespace Strata::Sqlite::Internal {

// Reads SQLite's EXPLAIN QUERY PLAN output into a Plan (engine "sqlite"), the form detected
// automatically: the rows as Strata copies or exports a result (tab-separated, csv, or
// strata-cli's aligned table), the sqlite3 shell's list mode ("2|0|0|SCAN t1", with or without
// the header), and the shell's tree ("QUERY PLAN" / "|--SCAN t1" / "`--SEARCH ..."). Several
// top-level rows hang under a synthetic root "QUERY PLAN", as the shell shows them. Anything
// else is an Error "not an EXPLAIN plan: <why>".
class SqliteEqpParser
{
public:
    struct Row
    {
        int id = 0;
        int parent = 0; // 0: top level
        int notUsed = 0;
        QString detail;
    };

    // SQLite limits expression and subquery nesting to 1000 levels (SQLITE_MAX_EXPR_DEPTH);
    // deeper rows are not a plan, and would only exhaust the stack of what draws them.
    static constexpr int MaxDepth = 1000;

    static Result<Plan> parse(const QString &text);
    // The rows of EXPLAIN QUERY PLAN as the engine returns them, parents before children.
    static Result<Plan> fromRows(const QList<Row> &rows, const QString &sourceFormat);
    // The plan drawn as the sqlite3 shell draws it ("QUERY PLAN", "|--", "`--").
    static QString treeText(const Plan &plan);
};

} // namespace Strata::Sqlite::Internal
