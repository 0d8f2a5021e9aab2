// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/iexplain.h"

namespace Strata::Postgres::Internal {

// PostgreSQL's EXPLAIN: EXPLAIN (FORMAT JSON, ...) statements, and plans in JSON or text
// format (psql output, auto_explain, pgAdmin exports) parsed into a Plan.
class PgExplain final : public IExplain
{
public:
    Result<QString> explainStatement(const QString &sql, const Options &options) const override;
    bool changesData(const QString &sql) const override;
    bool supportsAnalyze() const override { return true; }
    Result<Plan> parsePlan(const QString &text) const override;
    QList<PlanRule> planRules() const override;
};

} // namespace Strata::Postgres::Internal
