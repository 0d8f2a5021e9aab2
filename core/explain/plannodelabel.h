// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/plandocument.h"

#include <QString>
#include <QStringList>

namespace Strata {

// The text of one node's box in the plan graph, shared by the GUI and the SVG writer so both
// pictures say the same thing: what the node is, what it reads, what it cost, and its rows.
// All of it is server text: callers draw it as plain text.
struct STRATA_CORE_EXPORT PlanNodeLabel
{
    QString title;   // "Hash Join", "Seq Scan", "Nested Loop (Left)"
    QString detail;  // "on public.orders o", "using orders_pkey on orders", "CTE totals"
    QString figures; // "12.3 ms · 45%" (ANALYZE) or "cost 1,234 · 12%"
    QString rows;    // "rows 1,200 of 12 est. · 100× under"
    bool misestimated = false; // the estimate is off by 10× or more

    static PlanNodeLabel of(const PlanDocument &document, int nodeId);
    // The non-empty lines, top to bottom.
    QStringList lines() const;

    // True when needle (case-insensitive, non-empty) occurs in the node's type, relation,
    // alias, index, CTE or subplan name, or any of its conditions.
    static bool matches(const PlanNode &node, const QString &needle);

    // Compact numbers, locale-independent: "950", "12,345", "1.2M"; "0.012 ms", "12.3 ms", "1.23 s".
    static QString formatCount(double value);
    static QString formatMs(double ms);
};

} // namespace Strata
