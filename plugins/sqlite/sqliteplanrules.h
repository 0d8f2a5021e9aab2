// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/planrule.h"

#include <QStringList>

namespace Strata::Sqlite::Internal {

// The findings for SQLite plans, handed to PlanFindings through IExplain::planRules(): full
// scans of a table that is searched or joined to, temporary B-trees sorting for ORDER BY /
// GROUP BY / DISTINCT, automatic indexes SQLite builds on every run, and correlated
// subqueries run once per row. With Plan::queryText they name the columns an index would
// cover (SqliteQueryColumns).
class SqlitePlanRules
{
public:
    static QList<PlanRule> rules();

    // The columns of an index condition, in order: "a=? AND b>?" → a, b.
    static QStringList conditionColumns(const QString &indexCond);
    // CREATE INDEX for columns of table, every name quoted.
    static QString createIndexStatement(const QString &table, const QStringList &columns);
};

} // namespace Strata::Sqlite::Internal
