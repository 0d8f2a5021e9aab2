// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plannode.h"

#include <optional>

namespace Strata::Postgres::Internal {

// One operator line of a text-format plan, such as
//   "->  Index Scan Backward using idx on public.t x  (cost=0.29..8.31 rows=1 width=4) (actual
//   time=...)"
// read into a PlanNode: node type, join type, scan direction, parallel awareness, index,
// schema, relation (or CTE or function) and alias, estimates and actual figures.
class PgTextNodeLine
{
public:
    struct Parsed
    {
        PlanNode node;
        int indent = 0; // column of "->" (or of the first character for the root)
    };

    // nullopt when the line is not an operator line. requireFigures: without "->", only a
    // line with (cost=...) or (actual ...) counts, so property lines are not taken for nodes.
    static std::optional<Parsed> parse(const QString &line, bool requireFigures);
    // Removes the double quotes PostgreSQL puts around an identifier ("a""b" → a"b).
    static QString unquote(const QString &identifier);
};

} // namespace Strata::Postgres::Internal
