// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/planrule.h"

#include <QStringList>

namespace Strata::Postgres::Internal {

// The findings for PostgreSQL plans, handed to PlanFindings through IExplain::planRules():
// sequential scans whose filter discards most rows, sorts and hashes spilling to disk, row
// misestimates, nested loops with huge loop counts, lossy bitmap rechecks, index-only scans that
// visit the heap, and parallel workers that were planned but not launched.
class PgPlanRules
{
public:
    static constexpr double MinDiscardedRows = 1000; // seq-scan-filter
    static constexpr double MinDiscardedFraction = 0.9;
    static constexpr double MisestimateFactor = 10;      // row-misestimate: warning
    static constexpr double BadMisestimateFactor = 1000; // critical
    static constexpr double MinMisestimateRows = 100;    // ignore 1 vs 10 rows
    static constexpr double ManyLoops = 10000;           // nested-loop-many: warning
    static constexpr double HugeLoops = 1000000;         // critical
    static constexpr double MinRecheckRows = 1000;       // index-recheck
    static constexpr double MinHeapFetches = 1000;       // heap-fetches
    static constexpr double MinHeapFetchFraction = 0.1;

    static QList<PlanRule> rules();

    // The column names compared in a filter expression, in order, without duplicates:
    // "((status)::text = 'x'::text) AND (o.created_at > now())" → status, created_at.
    static QStringList filterColumns(const QString &expression);
    // "Seq Scan on orders o", "Index Scan using orders_pkey on orders", "Hash Join".
    static QString nodeLabel(const PlanNode &node);
};

} // namespace Strata::Postgres::Internal
