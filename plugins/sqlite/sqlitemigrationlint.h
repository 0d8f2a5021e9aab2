// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/imigrations.h"

#include <QList>
#include <QStringList>

namespace Strata::Sqlite::Internal {

// SQLite's migration lint rule: ALTER TABLE forms SQLite cannot do in place (it only renames
// tables and columns, adds plain columns and drops unconstrained ones), which need the
// 12-step table rebuild. Read from tokens; earlier sections tell which columns carry an
// index or a constraint.
class SqliteMigrationLint
{
public:
    static QStringList ruleIds();
    QList<LintFinding> lint(const QList<IMigrations::LintSection> &sections,
                            const IMigrations::LintOptions &options) const;
};

} // namespace Strata::Sqlite::Internal
