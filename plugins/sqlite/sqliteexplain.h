// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/iexplain.h"

namespace Strata::Sqlite::Internal {

// SQLite's EXPLAIN: EXPLAIN QUERY PLAN statements (SQLite has no EXPLAIN ANALYZE, so no actual
// figures), and EXPLAIN QUERY PLAN output in any form people paste parsed into a Plan.
class SqliteExplain final : public IExplain
{
public:
    Result<QString> explainStatement(const QString &sql, const Options &options) const override;
    bool changesData(const QString &sql) const override;
    bool supportsAnalyze() const override { return false; }
    Result<Plan> parsePlan(const QString &text) const override;
    QList<PlanRule> planRules() const override;
};

} // namespace Strata::Sqlite::Internal
