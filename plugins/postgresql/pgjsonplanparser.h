// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plan.h"
#include "sql/result.h"

#include <QJsonObject>

namespace Strata::Postgres::Internal {

// Reads EXPLAIN (FORMAT JSON) output into a Plan: with any EXPLAIN options, auto_explain's
// single object ({"Query Text", "Plan", ...}), and the same JSON as psql prints it (header,
// rule, "+" marks, frames, footer). Anything else is an Error "not an EXPLAIN plan: <why>".
// Pure: any thread, any input, never a crash.
class PgJsonPlanParser
{
public:
    static Result<Plan> parse(const QString &text);
    // The statement-level object ({"Plan": ..., "Execution Time": ...}) already decoded.
    static Result<Plan> parseStatement(const QJsonObject &statement);
    // True when text (after psql decoration is removed) starts like a JSON document.
    static bool looksLikeJson(const QString &text);
};

} // namespace Strata::Postgres::Internal
