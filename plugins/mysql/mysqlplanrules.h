// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/planrule.h"

#include <QStringList>

namespace Strata::MySql::Internal {

// The findings for MySQL and MariaDB plans (JSON and tree), handed to PlanFindings through
// IExplain::planRules(): full table scans whose condition discards most rows, temporary
// tables, filesorts (and sorts that needed merge passes), row misestimates, joins without a
// usable index, and dependent subqueries run once per outer row.
class MySqlPlanRules
{
public:
    static constexpr double MinScanRows = 1000;          // full-table-scan
    static constexpr double MaxKeptFraction = 0.1;       // ... keeps at most 10% of the rows
    static constexpr double MinTemporaryRows = 10000;    // temporary-table: warning, else info
    static constexpr double MinSortRows = 1000;          // filesort without passes: info
    static constexpr double MisestimateFactor = 10;      // row-misestimate: warning
    static constexpr double BadMisestimateFactor = 1000; // critical
    static constexpr double MinMisestimateRows = 100;    // ignore 1 vs 10 rows
    static constexpr double MinJoinScanRows = 1000;      // join-without-index
    static constexpr double HugeJoinWork = 1000000;      // critical: outer × inner rows
    static constexpr double ManySubqueryRuns = 1000;     // dependent-subquery: warning

    static QList<PlanRule> rules();

    // The columns of relation compared in a condition, in order, without duplicates:
    // "(`shop`.`o`.`status` = 'open') and (o.amount > 5)" for "o" → status, amount. Columns
    // qualified with another table are left out; unqualified ones are kept.
    static QStringList conditionColumns(const QString &condition, const QString &relation);
    // "Full Table Scan on orders", "Index lookup on o using idx_cust", "Hash Join".
    static QString nodeLabel(const PlanNode &node);
};

} // namespace Strata::MySql::Internal
