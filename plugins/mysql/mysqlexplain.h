// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/iexplain.h"

namespace Strata::MySql::Internal {

// MySQL's and MariaDB's EXPLAIN. The statement depends on the server (Options::serverVersion):
// MariaDB runs EXPLAIN FORMAT=JSON, and ANALYZE FORMAT=JSON to analyze; MySQL runs EXPLAIN
// FORMAT=JSON, and EXPLAIN ANALYZE (8.0.18 and later) to analyze. Without a version, MySQL's
// forms. The PostgreSQL-only options (buffers, verbose, settings, wal, timing, summary) have no
// MySQL counterpart and are ignored: MariaDB's ANALYZE reports pages and times anyway.
// parsePlan() reads JSON plans and MySQL 8 tree text, in any form the clients print them.
class MySqlExplain final : public IExplain
{
public:
    Result<QString> explainStatement(const QString &sql, const Options &options) const override;
    bool changesData(const QString &sql) const override;
    bool supportsAnalyze() const override { return true; }
    Result<Plan> parsePlan(const QString &text) const override;
    QList<PlanRule> planRules() const override;

    // True for a MariaDB server version ("10.11.6-MariaDB", "MariaDB 10.11.6").
    static bool isMariaDb(const QString &serverVersion);
    // The statement with string literals, quoted names and comments blanked out; the code in
    // MySQL's executable comments (/*! ... */) is kept.
    static QString codeOnly(const QString &sql);
};

} // namespace Strata::MySql::Internal
